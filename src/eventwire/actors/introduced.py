"""People the dictionary does not know, as the text introduces them: with a title and a
name ("Foreign Minister Jan Smit"), or a name in apposition to a coded title ("Nigeria's
foreign minister, Ada Obi," / "Ada Obi, Nigeria's foreign minister,"), then named again
by surname ("Obi told reporters ..."). And ``refer``: a mention naming the same actor as
an earlier one, with the chain back to it (used by all of coreference: actors/coref.py,
descriptions.py and pronouns.py).

A title right before a name it does not cover counts too ("UN Spokesperson Ada Obi",
when the dictionary knows the title as the organisation's).

Apposition: only singular person titles (minister, spokesman, envoy, ...) lend their
code, and without a country only when no phrase follows the title ("her lawyer, Ada Obi"
yes; "Ada Obi, president of a union" no: the union may say more than the code) or the
title acts for the actor of its phrase ("Ada Obi, president of the Kenyan teachers'
union": the union's code, compose._representatives); only to a run of two to four capitalised proper nouns that no mention covers. The
name's mention says ``resolved_by`` "apposition".
"""
from __future__ import annotations

import re

from ..textutil import doc_text, has_ner

# Capitalised words before a surname that are no first name ("On Tuesday Obi said"); the
# weekday and month words of hits.NOT_NAMES (importing hits here would be a circle:
# resolver -> coref -> introduced)
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january "
                           "february march april may june july august september october "
                           "november december".split())


def _name_run(tok):
    """The first and last token of the proper-noun name headed by ``tok`` ("Ada Obi"), or
    None when it is not a person's name of two to four capitalised words."""
    if tok.pos_ != "PROPN":
        return None
    parts = sorted([tok] + [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"],
                   key=lambda t: t.i)
    first, last = parts[0], parts[-1]
    words = tok.doc[first.i:last.i + 1]
    if not 2 <= len(words) <= 4 or last.i != tok.i:
        return None
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.is_punct for t in words):
        return None
    if has_ner(tok.doc) and not any(t.ent_type_ == "PERSON" for t in words):
        return None
    return first, last


def _name_after(tok, start: int):
    """The name headed by ``tok`` that starts at token ``start``, right after a title
    mention ("UN Spokesperson Ada Obi": "Ada Obi"), as ``_name_run`` sees names."""
    if tok.pos_ != "PROPN" or not 2 <= tok.i - start + 1 <= 4:
        return None
    words = tok.doc[start:tok.i + 1]
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.is_punct
           or (t.i != tok.i and t.dep_ != "compound") for t in words):
        return None
    if has_ner(tok.doc) and not any(t.ent_type_ == "PERSON" for t in words):
        return None
    return words[0], words[-1]


TOPIC_PREPS = frozenset({"for", "on"})


def _in_topic(tok, head) -> bool:
    """Is ``tok`` inside a for/on phrase of the title ("the special representative for North
    Korea policy", "the envoy on Syria"): the post's subject, not whose post it is."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in TOPIC_PREPS \
                and tok.head.head.i == head.i:
            return True
        tok = tok.head
    return False


def apposed_names(doc, mentions: list[dict], covered: set, person_heads) -> list[dict]:
    """New mentions for unknown names in apposition to a titled person mention."""
    if doc is None:
        return []
    out = []
    by_token = {i: x for x in mentions if x.get("token_span")
                for i in range(x["token_span"][0], x["token_span"][1])}
    for m in mentions:
        ts = m.get("token_span")
        # (an organisation's official by its dictionary name: "a State Department official")
        org_title = (m.get("actor_id") or "").startswith("org:")
        if not ts or (m.get("actor_id") and not org_title) or not m.get("code") \
                or not (m.get("agent") or org_title) \
                or m.get("members") or ts[1] > len(doc):
            continue
        head = doc[ts[1] - 1]
        agent_of = m.get("resolved_by") == "representative"
        if agent_of:
            head = doc[ts[0]]   # "president of the teachers' union": the holder, coded as the union
        if head.tag_ not in ("NN", "NNP") or head.lemma_.lower() not in person_heads:
            continue
        if not m.get("country") and not agent_of and not m.get("posted_to") \
                and any(c.dep_ == "prep" for c in head.children):
            continue   # "president of a union": the of-phrase may say more than the code
        if any(x.get("country") and x.get("country") not in (m["country"], m.get("posted_to"))
               for t in head.subtree if not _in_topic(t, head)
               for x in [by_token.get(t.i)] if x is not None):
            continue   # "the United States' top North Korean official": whose, unclear
        names = [c for c in head.children if c.dep_ == "appos"]        # title, Name
        if head.dep_ == "appos" and head.head.i < head.i:
            names.append(head.head)                                     # Name, title
        after = None
        if head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
            after = head.head                                           # title Name
            while after.dep_ == "compound" and after.head.i > after.i and after.head.pos_ == "PROPN":
                after = after.head
            names.append(after)
        for n in names:
            run = _name_run(n) if n is not after else _name_after(n, ts[1])
            if run is None or any(i in covered for i in range(run[0].i, run[1].i + 1)):
                continue
            a, b = run[0].idx, run[1].idx + len(run[1].text)
            new = refer(m, doc_text(doc)[a:b], (a, b), "apposition", 0.8)
            new.update(name=doc_text(doc)[a:b], kind="person", _person=True,
                       token_span=[run[0].i, run[1].i + 1])
            if org_title:
                new["actor_id"] = None   # a person of the organisation, not the organisation
            out.append(new)
            covered.update(range(run[0].i, run[1].i + 1))
    return out


# "Tim Vale, a former State Department official," in a sentence the parser did not see
_APPOSED_BEFORE = re.compile(r"(?P<name>[A-Z][a-z'’\-]+(?: [A-Z]\.)?(?: [A-Z][A-Za-z'’\-]+){1,2}),"
                             r" (?:a|an|the) (?:[a-z\-]+ ){0,2}$")


def apposed_names_text(text: str, context: list[dict], person_heads) -> list[dict]:
    """``apposed_names`` for context mentions (sentences the pipeline did not parse),
    read off the text: "Name Surname, a/the [former|senior] <title mention>," where the
    title's last word names a person. Antecedents only (no token spans)."""
    out = []
    for m in context:
        if not m.get("code") or m.get("members") or m.get("kind") == "person":
            continue
        if (m.get("actor_id") or "") and not (m.get("actor_id") or "").startswith("org:"):
            continue
        words = (m.get("text") or "").split()
        if not words or words[-1].lower() not in person_heads:
            continue
        a = m["span"][0]
        mt = _APPOSED_BEFORE.search(text, max(0, a - 80), a)
        if mt is None or text[m["span"][1]:m["span"][1] + 1] not in (",", ".", ""):
            continue
        name = mt.group("name")
        if name.split()[0].lower() in CALENDAR_WORDS or name.split()[0] in ("The", "A", "An"):
            continue
        s, e = mt.span("name")
        new = refer(m, name, (s, e), "apposition", 0.75)
        new.update(name=name, kind="person", _person=True, token_span=None, actor_id=None)
        out.append(new)
    return out


def _step(m: dict) -> dict:
    return {"text": m.get("text"), "span": list(m["span"]) if m.get("span") else None,
            "resolved_by": m.get("resolved_by")}


def chain_to(ante: dict) -> list[dict]:
    return [_step(ante)] + list(ante.get("chain") or [])


def refer(ante: dict, text: str, span, resolved_by: str, confidence: float) -> dict:
    """A mention at ``span`` naming the same actor as ``ante``."""
    m = {"text": text, "name": ante.get("name"), "code": ante.get("code"),
         "country": ante.get("country"), "agent": ante.get("agent"),
         "actor_id": ante.get("actor_id"), "span": [span[0], span[1]], "kind": "coref",
         "resolved_by": resolved_by, "confidence": round(min(confidence, ante.get("confidence") or 1), 2),
         "chain": chain_to(ante)}
    for k in ("role", "posted_to"):
        if ante.get(k):
            m[k] = ante[k]
    return m


def titled_people(mentions, home) -> None:
    """"Foreign Minister Jan Smit" (a title and a name the dictionary does not know, no
    country in the phrase) holds that office in the country the document is about."""
    if home is None:
        return
    for m in mentions:
        if m.get("kind") == "person" and not m.get("actor_id") and not m.get("country") \
                and m.get("agent") and not m.get("candidates"):
            m.update(country=home, code=home + m["agent"], resolved_by="home-country",
                     chain=[], confidence=0.5)


# -- surnames of people the dictionary does not know ----------------------------------------------

def surnames(r, doc, mentions, context, covered: set, w) -> list[dict]:
    """"Botha" after "Foreign Minister Pik Botha": a person introduced with a title and a
    name the dictionary does not know is that person again when named by surname (alone,
    or after an honorific: "Mr. Botha")."""
    if doc is None:
        return []
    people: dict[str, list[dict]] = {}
    for m in sorted(mentions + context, key=lambda x: x["span"][0]):
        if m.get("kind") == "person" and not m.get("actor_id") and m.get("name") and m.get("code"):
            parts = m["name"].split()
            if len(parts) >= 2:
                people.setdefault(parts[-1].lower(), []).append(m)
    if not people:
        return []
    places = {i: m for m in mentions if m.get("kind") in ("place",) and m.get("token_span")
              for i in range(*m["token_span"])}
    out = []
    for tok in doc:
        key = tok.lower_
        if key not in people or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.i in covered and tok.i not in places:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        start = tok.idx
        if prev is not None and prev.lower_.rstrip(".") in w.honorifics:
            start = prev.idx
        elif prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
                and prev.sent.start != tok.i and prev.i not in covered \
                and prev.lower_ not in CALENDAR_WORDS:
            continue   # another first name: another person
        antes = [m for m in people[key] if m["span"][1] <= tok.idx]
        if not antes:
            continue
        ante = antes[-1]
        m = refer(ante, doc_text(doc)[start:tok.idx + len(tok.text)], (start, tok.idx + len(tok.text)),
                  "surname", 0.7)
        m["token_span"] = [prev.i if start != tok.idx else tok.i, tok.i + 1]
        m["_person"] = True
        out.append(m)
    return out
