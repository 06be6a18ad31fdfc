"""Event arguments: which actor a word of the parse stands for.

``ActorIndex`` maps tokens to the actor mentions of ``doc._.actors`` and finds the actor a
noun phrase names (its own mention, its modifiers, its of/from/in-phrases, coordinated
countries in its modifiers); ``compose``/``compose_org`` put a sector-only mention in a
country or an organisation; ``actor_object`` is the event record's actor object.
"""
from __future__ import annotations

import bisect

from ..actors.codes import org_code
from ..records import ACTOR_FIELDS
from .grammar import conjuncts

# Nouns of people that say nothing of whose they are: "its men" are the owner's.
PEOPLE_NOUNS = ("man", "woman", "men", "women")
NOMINAL_MODS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod", "nummod")


class ActorIndex:
    """Token index -> actor mention, built once per doc from ``doc._.actors``."""

    def __init__(self, doc):
        # the country the document is about (actors/coref.home_country), or None
        self.home = doc.user_data.get("eventwire.home_country")
        self.by_token: dict[int, dict] = {}
        self.starts: list[int] = []
        for a in doc._.actors or []:
            ts = a.get("token_span")
            if not ts:
                continue
            for i in range(ts[0], max(ts[1], ts[0] + 1)):
                if a.get("members"):   # "the two leaders": the pair, not the bare noun
                    self.by_token[i] = a
                else:
                    self.by_token.setdefault(i, a)
            self.starts.append(ts[0])
        self.starts.sort()

    def any_in(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] < end

    def at(self, tok) -> dict | None:
        """The actor a noun phrase headed by ``tok`` refers to: its own mention first,
        then modifiers ("Chinese officials", "China's envoy"), then of/from/in/by-phrases
        ("officials of China", "companies within North Korea"). An agent-only head
        ("students", "government") takes the country found in its phrase."""
        found = self.at_all(tok)
        return found[0] if found else None

    def at_all(self, tok) -> list[dict]:
        """Like ``at``, plus the actors coordinated with a nested one ("ties with Mordor,
        Rohan and Bree")."""
        own = self.by_token.get(tok.i)
        if own is None and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" \
                and tok.head.head.pos_ in ("NOUN", "PROPN") and tok.head.head is not tok:
            # "the diplomats who accused him", "rebels, who attacked the base": the relative
            # pronoun is the noun its clause hangs on
            return [relative(a, tok) for a in self.at_all(tok.head.head)]
        if own is not None and tok.lemma_.lower() in PEOPLE_NOUNS and not own.get("country"):
            owner = [self.by_token[c.i] for c in tok.children if c.dep_ == "poss" and c.i in self.by_token]
            if owner:
                return owner[:1]   # "the police and its men", "the general's men": the owner's people
        if own is not None and own.get("members"):
            # "they", "the two sides": every actor the reference stands for
            return list(own["members"])
        if own is not None and own.get("country"):
            # "Bree President Romendacil": a modifier mention of the same country with a
            # more specific code describes the same person better
            for c in tok.children:
                m = self.by_token.get(c.i)
                if c.dep_ == "compound" and m is not None and m is not own and \
                        m.get("country") == own.get("country") and \
                        len(m.get("code") or "") > len(own.get("code") or ""):
                    return [m]
            return [own] + self._coordinated_modifiers(tok, own)
        if own is not None and (own.get("actor_id") or "").startswith("org:"):
            return [own]   # "aid workers of the Red Cross based in Yemen" are not Yemeni
        hit = self._search(tok)
        if hit is None:
            return [own] if own is not None else []
        found, where = hit
        more = [self.by_token[c.i] for c in conjuncts(where)[1:] if c.i in self.by_token]
        if own is None:
            if not more and found.get("agent") and not found.get("country") \
                    and not found.get("actor_id"):
                # "formal ties with the United States": a sector word modifies the
                # head, the country sits further down the phrase -> USAGOV
                # "the deployment of NATO peacekeeping troops": the found word's own
                # modifiers first, then the rest of the phrase
                deeper = self._search(where) or self._search(tok, skip={where.i})
                if deeper is not None and deeper[0].get("country"):
                    return [compose(found, deeper[0])]
                if deeper is not None and _is_org(deeper[0]):
                    return [compose_org(found, deeper[0])]
            return [found] + more
        if _armed_member(own, found):
            # "a Taliban suicide bomber", "Hamas gunmen": a fighter of an armed group is
            # the group (AFGREB), not the country's military
            return [{**found, "text": own.get("text"), "span": own.get("span"),
                     "token_span": own.get("token_span")}]
        if found.get("country") and own.get("agent"):
            # "the envoys of Chile, Peru and Bolivia": one composed actor each
            return [compose(own, f) for f in [found] + more if f.get("country")]
        if own.get("agent") and not own.get("country") and _is_org(found):
            # "NATO peacekeeping troops", "a U.N. war crimes court": the organisation's
            return [compose_org(own, found)]
        return [own]

    def _coordinated_modifiers(self, tok, own: dict) -> list[dict]:
        """"Indian and Pakistani diplomats", "Afghan and German security forces", "the
        leaders of Britain, France and Japan": the other countries coordinated in the
        head's modifiers or its of-phrase, each with the head's sector."""
        out = []
        kids = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        kids += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and self.by_token.get(g.i) is own]
        for c in kids:
            for x in conjuncts(c):
                m = self.by_token.get(x.i)
                if m is None or m is own or not m.get("country") or m.get("country") == own.get("country") \
                        or any(o.get("country") == m["country"] for o in out):
                    continue
                out.append(compose(own, m) if own.get("agent") else m)
        return out

    def _search(self, tok, skip=frozenset(), exclude: set | None = None):
        """The first actor in ``tok``'s phrase (breadth first, 3 levels): modifiers, then
        of/from/in/... phrases. ``exclude``: countries passed over ("its invasion of
        Afghanistan" with "its" = the invader)."""
        frontier, seen = [tok], {tok.i} | set(skip)
        weak = None   # a possessive pronoun ("his Japanese counterpart"): other words first
        for depth in range(3):
            nxt = []
            for t in frontier:
                kids = [c for c in t.children if c.dep_ in NOMINAL_MODS]
                kids += [g for c in t.children
                         if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "within", "at", "by", "with", "near", "along")
                         for g in c.children if g.dep_ == "pobj"]
                for c in kids:
                    if c.i in seen:
                        continue
                    seen.add(c.i)
                    if c.i in self.by_token and not (
                            exclude and self.by_token[c.i].get("country") in exclude):
                        if c.dep_ == "poss" and self.by_token[c.i].get("resolved_by") == "pronoun":
                            weak = weak or (self.by_token[c.i], c)
                            continue
                        return self.by_token[c.i], c
                    nxt.append(c)
            frontier = nxt
        return weak


def relative(a: dict, tok) -> dict:
    """Actor ``a`` as referred to by the relative pronoun ``tok``."""
    step = {"text": a.get("text"), "span": a.get("span"), "resolved_by": a.get("resolved_by")}
    return {**a, "text": tok.text, "span": [tok.idx, tok.idx + len(tok.text)],
            "token_span": [tok.i, tok.i + 1], "resolved_by": "relative",
            "chain": [step] + list(a.get("chain") or [])}


# Sectors of unnamed armed men: without a country or a group they name no actor
UNNAMED_SECTORS = ("UAF",)


def actor_object(a: dict | None) -> dict | None:
    """The event record's actor object; an actor found through the document ("he",
    "the ministry", "Botha") also says how: ``resolved_by: {how, chain}``, the chain
    leading back to the mention that names it."""
    if not a:
        return None
    if a.get("agent") in UNNAMED_SECTORS and not a.get("country") and not a.get("actor_id"):
        return None   # "a gunman": no actor the text gives (GUIDELINES: an unknown bomber is null)
    out = {k: a.get(k) for k in ACTOR_FIELDS}
    if a.get("chain") is not None and a.get("resolved_by"):
        out["resolved_by"] = {"how": a["resolved_by"], "chain": a["chain"]}
    return out


ARMED_PEOPLE = ("MIL", "UAF", "REB")
ARMED_GROUPS = ("REB", "RAD", "UAF", "CRM")


def _armed_member(agent: dict, org: dict) -> bool:
    return (agent.get("agent") in ARMED_PEOPLE and not agent.get("actor_id")
            and (org.get("actor_id") or "").startswith("org:") and org.get("agent") in ARMED_GROUPS)


def compose(agent: dict, country: dict) -> dict:
    """An agent-only mention placed in a country: CVL + BDI -> BDICVL (never a post abroad
    in its host: "the envoy to Ukraine" is not Ukraine's, actors/descriptions.posted_abroad)."""
    if agent.get("posted_to") and agent.get("posted_to") == country.get("country"):
        return agent
    out = dict(country)
    out.update(code=(country.get("country") or "") + (agent.get("agent") or ""),
               agent=agent.get("agent"), text=agent.get("text"), span=agent.get("span"),
               token_span=agent.get("token_span"))
    return out


def _is_org(a: dict) -> bool:
    return (a.get("actor_id") or "").startswith("org:") and not a.get("country")


def compose_org(agent: dict, org: dict) -> dict:
    """An agent-only mention of an organisation without country: MIL + IGONAT ->
    IGONATMIL (the organisation's own agent code, if any, gives way)."""
    out = dict(org)
    base = org.get("code") or ""
    if org.get("agent") and base.endswith(org["agent"]):
        base = base[: -len(org["agent"])]
    code, sector = org_code(base, agent.get("agent"))
    out.update(code=code, agent=sector,
               text=agent.get("text"), span=agent.get("span"),
               token_span=agent.get("token_span"))
    return out
