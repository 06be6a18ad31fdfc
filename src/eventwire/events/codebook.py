"""The CAMEO and PLOVER codebooks, as data, loaded and validated once.

Files (under ``eventwire/data``):
- ``cameo/event_codes.csv``   code,name,goldstein — every CAMEO event code
- ``cameo/quad_class.csv``    root,quad_class,target — QuadClass by two-digit root, and
  whether an event of the root needs a target (``needed``: a meeting, aid, a demand, a
  sanction, an assault is done to someone) or may have none (``optional``: a statement,
  an appeal, praise or criticism of a plan, a rejection, a protest, a show of force can be
  addressed to no one)
- ``plover/ontology.yaml``    PLOVER 0.8 event types (allowed modes) and contexts
- ``plover/cameo_to_plover.csv`` cameo,event_type,mode,context (context ';'-separated)

A bad entry raises ``DataFileError(path, line, reason)`` so a user editing a codebook
sees which line is wrong.

    >>> cb = get_codebook()
    >>> cb.cameo("042")["goldstein"]
    1.9
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DataFileError

DATA = Path(__file__).resolve().parent.parent / "data"
CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")


def _rows(path: Path, header: list[str]):
    """CSV rows as (line number, dict); checks the header."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            head = next(reader)
        except StopIteration:
            raise DataFileError(path, 1, "empty file")
        if head != header:
            raise DataFileError(path, 1, f"header must be {','.join(header)}, got {','.join(head)}")
        for row in reader:
            line = reader.line_num
            if not row or row[0].startswith("#"):
                continue
            if len(row) != len(header):
                raise DataFileError(path, line, f"expected {len(header)} columns, got {len(row)}")
            yield line, dict(zip(header, (c.strip() for c in row)))


@dataclass
class Codebook:
    codes: dict[str, dict] = field(default_factory=dict)      # code -> {code,name,goldstein}
    quad: dict[str, int] = field(default_factory=dict)        # root -> QuadClass
    target_optional: set[str] = field(default_factory=set)    # roots that may have no target
    plover_types: dict[str, dict] = field(default_factory=dict)
    plover_contexts: set[str] = field(default_factory=set)
    plover_map: dict[str, dict] = field(default_factory=dict)

    def has(self, code: str) -> bool:
        return code in self.codes

    def cameo(self, code: str) -> dict:
        """``{code, name, goldstein, quad_class, root}``; KeyError for an unknown code."""
        entry = self.codes[code]
        root = code[:2]
        return {"code": code, "name": entry["name"], "goldstein": entry["goldstein"],
                "quad_class": self.quad[root], "root": root}

    def plover_for(self, cameo: str) -> dict:
        """The PLOVER event of a CAMEO code: exact entry, else its 3-digit parent.

        CAMEO 01x (public statements) has no PLOVER type: event_type is None.
        """
        for key in (cameo, cameo[:3]):
            if key in self.plover_map:
                m = self.plover_map[key]
                return {"event_type": m["event_type"], "mode": m["mode"],
                        "context": list(m["context"])}
        return {"event_type": None, "mode": None, "context": []}

    def intent_code(self, code: str) -> str:
        """CAMEO's rule for future acts: cooperation announced for the future ("will
        visit", "plans to send aid") is an intent to cooperate (03x); a hostile act
        announced for the future ("will impose a curfew") is a threat (13x). eventwire
        keeps the act's own code with ``modality: intended``; this gives the
        CAMEO-manual code when one is wanted."""
        root = code[:2]
        table = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                 # and future hostile acts are threats (CAMEO 13)
                 "14": "133", "15": "138", "16": "131", "17": "132", "18": "1383",
                 "19": "1384", "20": "1385"}
        if root not in table:
            return code
        specific = {"0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
                    "061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331",
                    "072": "0332", "073": "0333", "074": "0334", "045": "039", "046": "036",
                    "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
                    "166": "136", "1721": "1321", "1722": "1322", "1723": "1323",
                    "1724": "1324", "175": "137", "191": "1381", "192": "1382"}
        for key in (code, code[:3]):
            if key in specific:
                return specific[key]
        return table[root]

    def refusal_code(self, code: str) -> str | None:
        """CAMEO codes an announced non-cooperation ("will not accept", "would not
        release") as a rejection (12x); the act's own code -> that 12x code, or None."""
        specific = {"0841": "1243", "0842": "1243", "085": "1244", "086": "1245",
                    "087": "1246", "057": "127", "045": "126", "046": "125"}
        for key in (code, code[:3]):
            if key in specific:
                return specific[key]
        return {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122",
                "08": "124"}.get(code[:2])

    def normalise(self, code: str) -> str:
        """The nearest code that exists: '0421' -> '042' if 0421 is not in CAMEO."""
        while code and code not in self.codes:
            code = code[:-1]
        return code


def load_codebook(data_dir: Path = DATA) -> Codebook:
    cb = Codebook()
    qpath = data_dir / "cameo" / "quad_class.csv"
    for line, r in _rows(qpath, ["root", "quad_class", "target"]):
        if not re.fullmatch(r"0[1-9]|1[0-9]|20", r["root"]):
            raise DataFileError(qpath, line, f"bad CAMEO root {r['root']!r}")
        if r["quad_class"] not in ("1", "2", "3", "4"):
            raise DataFileError(qpath, line, f"quad_class must be 1-4, got {r['quad_class']!r}")
        cb.quad[r["root"]] = int(r["quad_class"])
        if r["target"] not in ("needed", "optional"):
            raise DataFileError(qpath, line, f"target must be needed or optional, got {r['target']!r}")
        if r["target"] == "optional":
            cb.target_optional.add(r["root"])
    if len(cb.quad) != 20:
        raise DataFileError(qpath, 0, f"need all 20 roots, got {len(cb.quad)}")

    cpath = data_dir / "cameo" / "event_codes.csv"
    for line, r in _rows(cpath, ["code", "name", "goldstein"]):
        code = r["code"]
        if not CODE_RE.match(code):
            raise DataFileError(cpath, line, f"bad CAMEO code {code!r}")
        if code in cb.codes:
            raise DataFileError(cpath, line, f"duplicate code {code}")
        if len(code) > 2 and code[:-1] not in cb.codes and code[:2] not in cb.codes:
            raise DataFileError(cpath, line, f"code {code} listed before its parent")
        try:
            gold = float(r["goldstein"])
        except ValueError:
            raise DataFileError(cpath, line, f"goldstein is not a number: {r['goldstein']!r}")
        if not -10.0 <= gold <= 10.0:
            raise DataFileError(cpath, line, f"goldstein out of [-10, 10]: {gold}")
        if not r["name"]:
            raise DataFileError(cpath, line, "empty name")
        cb.codes[code] = {"code": code, "name": r["name"], "goldstein": gold}

    opath = data_dir / "plover" / "ontology.yaml"
    with open(opath, encoding="utf-8") as fh:
        onto = yaml.safe_load(fh) or {}
    types = onto.get("event_types")
    if not isinstance(types, dict) or not types:
        raise DataFileError(opath, 1, "missing event_types mapping")
    for name, spec in types.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("modes", []), list):
            raise DataFileError(opath, 0, f"event type {name}: needs modes: [...]")
        cb.plover_types[name] = {"quad": spec.get("quad"), "modes": list(spec.get("modes") or [])}
    cb.plover_contexts = set(onto.get("contexts") or [])

    mpath = data_dir / "plover" / "cameo_to_plover.csv"
    for line, r in _rows(mpath, ["cameo", "event_type", "mode", "context"]):
        if r["cameo"] not in cb.codes:
            # the mapping keeps a few codes CAMEO 1.1b3 lacks (e.g. 0813); they must still parse
            if not CODE_RE.match(r["cameo"]):
                raise DataFileError(mpath, line, f"bad CAMEO code {r['cameo']!r}")
        et = r["event_type"]
        if et not in cb.plover_types:
            raise DataFileError(mpath, line, f"unknown PLOVER event type {et!r}")
        mode = r["mode"] or None
        if mode and mode not in cb.plover_types[et]["modes"]:
            raise DataFileError(mpath, line, f"mode {mode!r} is not a mode of {et}")
        ctx = [c.strip() for c in r["context"].split(";") if c.strip()]
        for c in ctx:
            if c not in cb.plover_contexts:
                raise DataFileError(mpath, line, f"unknown PLOVER context {c!r}")
        cb.plover_map[r["cameo"]] = {"event_type": et, "mode": mode, "context": ctx}
    return cb


@functools.lru_cache(maxsize=1)
def get_codebook() -> Codebook:
    """The packaged codebook, loaded once per process."""
    return load_codebook()
