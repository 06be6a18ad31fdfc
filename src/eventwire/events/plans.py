"""Plans are intents: an act announced for the future is coded as the intent to do it.

The gold guidelines (rule 10) and the CAMEO manual code "will visit", "plans to send aid",
"is expected to sign" as the matching 03x intent (a hostile act announced for the future,
"will impose sanctions", as a 13x threat; ``Codebook.intent_code``), not as the act: the
act has not happened. The exception is a visit scheduled within days by a date of its own
("will arrive in Hanoi on Tuesday"): the guidelines code such a visit as the visit on its
scheduled date. Only a visit (042/043): a meeting, a strike or a strike back announced for
a day is still a plan ("would meet the union leaders next week": 036; "will shoot the
missiles down": 138), as the second dev set's gold has it.

This runs in ``eventwire_records``, after the dates stage, because the exception needs the
event's date. Only plans are recoded: the coder sets ``_plan`` on an intended event whose
cue is a plan (will, plans to, is expected to, agreed to, wants to ...), not an attempt or
a beginning ("tried to storm", "began to withdraw", lexicon ``attempt_governors``). The
mirror of a paired event ("B hosts A" for "A visits B") is dropped with it (an intent
has one side), and a recoded plan that repeats an intent already coded on its governing
verb ("pledged to send aid": 033 on "pledged") is dropped too.
"""
from __future__ import annotations

import datetime as _dt

from .codebook import get_codebook

#: An act dated by its text within this many days after publication keeps its own code.
DUE_WITHIN_DAYS = 7


def _due_soon(ev: dict, published: str | None) -> bool:
    if not published or not ev.get("date") or ev.get("date_precision") != "day" or \
            ev.get("date_basis") == "publication":
        return False
    try:
        delta = (_dt.date.fromisoformat(ev["date"][:10]) -
                 _dt.date.fromisoformat(str(published)[:10])).days
    except ValueError:
        return False
    return 0 <= delta <= DUE_WITHIN_DAYS


def plan_code(ev, published: str | None) -> str | None:
    """The 03x/13x code of a planned act, or None when ``ev`` keeps its code."""
    if ev.get("modality") != "intended" or ev.get("negated") or not ev.get("_plan"):
        return None
    code = get_codebook().intent_code(ev["cameo"])
    if code == ev["cameo"] or (ev["cameo"][:3] in ("042", "043") and _due_soon(ev, published)):
        return None
    return code


def recode_plans(events: list, published: str | None) -> list:
    """``events`` with every plan recoded as an intent (mirrors and repeats dropped)."""
    cb = get_codebook()
    coded = {(e.get("sentence_index"), _side(e.get("source")), e["cameo_root"])
             for e in events if e.get("modality") != "intended"}
    out = []
    for ev in events:
        code = plan_code(ev, published)
        if code is None:
            out.append(ev)
            continue
        if ev.get("_mirror"):
            continue
        info = cb.cameo(code)
        if (ev.get("sentence_index"), _side(ev.get("source")), info["root"]) in coded:
            continue    # "pledged to send aid": the pledge is coded already
        ev["pattern"] = f"{ev['pattern']}+plan"
        _date_of_the_plan(ev, published)
        ev["cameo"], ev["cameo_root"] = code, info["root"]
        ev["quad_class"], ev["goldstein"] = info["quad_class"], info["goldstein"]
        ev["plover"] = cb.plover_for(code)
        out.append(ev)
    return out


def _date_of_the_plan(ev: dict, published: str | None) -> None:
    """An intent happens when it is stated, not on the day the act is planned for ("said
    on Friday it would meet the unions next Wednesday": 036 on Friday). The text gives the
    planned day; the statement is the story's news, so it takes the publication day."""
    if not published or not ev.get("date"):
        return
    day = str(published)[:10]
    if str(ev["date"])[:10] > day:
        ev.update(date=day, date_precision="day", date_basis="publication", historical=False)


def _side(actor) -> str | None:
    return (actor or {}).get("actor_id") or (actor or {}).get("code")
