"""Helpers shared by the event tests: expected-event specs and a coding shortcut."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Expected:
    source: str | None
    target: str | None
    code: str
    negated: bool | None = None
    modality: str | None = None

    @staticmethod
    def _actor_ok(want, actor):
        if want is None:
            return True  # "-": not checked
        return actor is not None and (actor.get("code") or "").startswith(want) or \
            (actor is not None and (actor.get("country") or "") == want)

    def matches(self, ev: dict) -> bool:
        code_ok = ev["cameo"] == self.code if len(self.code) > 2 else ev["cameo_root"] == self.code
        return (code_ok and self._actor_ok(self.source, ev["source"])
                and self._actor_ok(self.target, ev["target"])
                and (self.negated is None or ev["negated"] == self.negated)
                and (self.modality is None or ev["modality"] == self.modality))

    def __str__(self):
        return f"{self.source or '-'} {self.target or '-'} {self.code}" + \
            (" negated" if self.negated else "") + (f" {self.modality}" if self.modality else "")


def parse_case(case: str) -> tuple[str, Expected]:
    """'sentence | SRC TGT CODE [negated|asserted [modality]]' -> (sentence, Expected)."""
    sentence, spec = (x.strip() for x in case.rsplit("|", 1))
    parts = spec.split()
    src, tgt, code = (None if p == "-" else p for p in parts[:3])
    rest = parts[3:]
    # first extra word: "negated" or "asserted" (did happen); second: the modality
    negated = {"negated": True, "asserted": False}[rest[0]] if rest else None
    modality = rest[1] if len(rest) > 1 else None
    return sentence, Expected(src, tgt, code, negated, modality)


def code(nlp, text: str, published: str = "2017-11-22") -> list[dict]:
    from eventwire.nlp import make_doc
    doc = nlp(make_doc(nlp, text, published=published))
    return doc._.events


def got(events) -> list[tuple]:
    """(source code, target code, CAMEO code, pattern) of each event: what an assertion
    message shows."""
    return [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"], e["pattern"])
            for e in events]


def assert_coded(nlp, case: str, published: str = "2017-11-22") -> list[dict]:
    """'sentence | SRC TGT CODE ...' (parse_case) is coded: some event of the sentence that
    did happen (not negated) matches; the failure shows what was coded instead."""
    sentence, exp = parse_case(case)
    events = code(nlp, sentence, published)
    assert any(exp.matches(e) and not e["negated"] for e in events), \
        f"{sentence!r}: expected {exp}, got {[g + (e['negated'],) for g, e in zip(got(events), events)]}"
    return events
