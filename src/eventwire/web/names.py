"""Actor filters by name or code: "China" finds CHN, "chn" is CHN, "Xi Jinping" his id.

The API's actor filters (``actor``, ``source``, ``target``, ``dyad``) take what the store
takes (a country ``CHN``, a code prefix ``CHNGOV``, an actor id ``person:...``) and also
names, resolved in this order:

1. a value written as a code or an id (``CHN``, ``USAGOV``, ``person:xi-jinping``) is kept;
2. a country's name, short name or demonym (the package's country dictionary and
   pycountry: "China", "North Korea", "DPRK", "Chinese") -> its ISO code: the country as
   a whole, every actor of it;
3. an actor of this store whose name is the value (case-insensitive): its country when it
   stands for the country itself, else its actor id ("Xi Jinping" -> person:xi-jinping);
4. a code typed in lower case ("chn", "usagov") -> upper case.

Every resolution but the first is reported (``{"given", "code", "name", "by"}``), so
the client can show what the filter became.

Anything else is passed on as given: the answer is then empty, with a hint.
"""
from __future__ import annotations

import functools
import re

_CODE = re.compile(r"(?:[A-Z]{3})+|[a-z]+:[\w.:-]+")


@functools.lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Lower-cased country names, short names and demonyms -> ISO alpha-3 (the actor
    dictionary's country actors); a form of two countries ("Korean") resolves to neither."""
    import pycountry

    from ..actors.dictionary import country_actors

    # pycountry's own spellings too ("Korea, Republic of"), as a user may paste them
    forms = {getattr(c, attr).casefold(): c.alpha_3 for c in pycountry.countries
             for attr in ("name", "official_name", "common_name") if getattr(c, attr, None)}
    listed: dict[str, str] = {}
    twice: set[str] = set()
    for code, actor in country_actors().items():
        for value in [actor.name, *actor.aliases, *actor.demonyms]:
            key = value.casefold()
            if listed.get(key, code) != code:
                twice.add(key)
            listed[key] = code
    forms.update(listed)
    for key in twice:
        forms.pop(key, None)
    return forms


def _rows(found) -> list[dict]:
    if found is None:
        return []
    if hasattr(found, "to_dict"):
        return found.to_dict(orient="records")
    return list(found)


def resolve(value: str | None, actors_named) -> tuple[str | None, dict | None]:
    """(the value to filter on, how a name was resolved or None).

    ``actors_named(text)``: the store's actors matching ``text`` (``Store.actors(q=...)``).
    """
    if value in (None, ""):
        return None, None
    given = value.strip()
    if _CODE.fullmatch(given):
        return given, None
    key = given.casefold()
    iso = country_forms().get(key)
    if iso:  # a country's name: the country as a whole (every actor of it)
        return iso, {"given": given, "code": iso, "name": given, "by": "country name"}
    exact = [a for a in _rows(actors_named(given)) if str(a.get("name") or "").casefold() == key]
    if exact:
        whole = [a for a in exact if a.get("country") and (
            a.get("code") == a.get("country") or str(a.get("actor_id") or "").startswith("country:"))]
        if whole:
            code = whole[0]["country"]
            return code, {"given": given, "code": code, "name": whole[0].get("name"), "by": "actor name"}
        best = max(exact, key=lambda a: a.get("n_events") or 0)
        ident = best.get("actor_id") or best.get("code")
        return ident, {"given": given, "code": ident, "name": best.get("name"), "by": "actor name"}
    if re.fullmatch(r"(?:[A-Za-z]{3})+", given):
        return given.upper(), {"given": given, "code": given.upper(), "name": None, "by": "code"}
    return given, None
