"""The PLOVER schema as the PLOVER manual states it, read from the manual itself
(../shared/eval/plover/PLOVER_MANUAL.tex, version 0.8), so that the POLECAT export is
checked against the manual and not against our own transcription of it."""
from __future__ import annotations

import functools
import pathlib
import re

from conftest import EVAL

MANUAL = EVAL / "plover" / "PLOVER_MANUAL.tex"
NGEC_CODEBOOK = EVAL / "ngec" / "PLOVER_structured_codebook_updated.csv"


def _tex() -> str:
    text = pathlib.Path(MANUAL).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("%"))


def _plain(cell: str) -> str:
    cell = re.sub(r"\\cellcolor\{[^}]*\}|\\hline", "", cell)
    cell = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", cell)
    return cell.replace("\\_", "_").strip()


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    """{"types": {TYPE: {"quad": ..., "modes": set}}, "scores": {(TYPE, mode|None): float},
    "sectors": set, "contexts": set, "nonstate": set}."""
    tex = _tex()
    types = {m.group(1): {"quad": m.group(2).strip(), "modes": set()}
             for m in re.finditer(r"\\section\{([A-Z]+)\}.*?Quad category: ([A-Z ]+)\}", tex, re.S)}
    # mode tables ("CONSULT modes", ...)
    for m in re.finditer(r"\\caption\{([A-Z]+) modes\}(.*?)\\end\{tabular\}", tex, re.S):
        types[m.group(1)]["modes"] |= set(re.findall(r"^\s*([a-z][a-z\-]*)\s*&", m.group(2), re.M))
    # the conflict/cooperation score table: "TYPE & score" and "TYPE: Mode & score" cells
    table = re.search(r"\\caption\{PLOVER conflict--cooperation scores\}.*?\\begin\{tabular\}"
                      r"(.*?)\\end\{tabular\}", tex, re.S).group(1)
    scores = {}
    for line in table.split("\\\\"):
        cells = [_plain(c) for c in line.split("&")]
        for name, value in zip(cells[0::2], cells[1::2]):
            if not name or not re.fullmatch(r"-?\d+(\.\d+)?", value):
                continue
            etype, _, mode = name.partition(":")
            mode = mode.strip().lower() or None
            scores[(etype.strip(), mode)] = float(value)
            if mode:
                types[etype.strip()]["modes"].add(mode)
    sec = re.search(r"\\section\{Sector Codes\}(.*?)\\subsection\{Sector code notes\}", tex, re.S).group(1)
    sectors = set(re.findall(r"^\s*([A-Z]{3})\s*&", sec, re.M))
    ctx = re.search(r"\\label\{tab:general-contexts\}(.*?)\\end\{longtable\}", tex, re.S).group(1)
    contexts = {_plain(line.split("&")[0]) for line in ctx.split("\n")
                if "&" in line and not line.strip().startswith(("Name", "\\hline \\multicolumn"))}
    contexts = {c for c in contexts if re.fullmatch(r"[a-z_]+", c)}
    ns = re.search(r"\\caption\{International Non-state actor names\}(.*?)\\end\{tabular\}", tex, re.S).group(1)
    nonstate = set(re.findall(r"^\s*([A-Z]{3})\s*&", ns, re.M))
    return {"types": types, "scores": scores, "sectors": sectors, "contexts": contexts,
            "nonstate": nonstate}


@functools.lru_cache(maxsize=1)
def ngec_modes() -> dict[str, set]:
    """Modes the NGEC coder (POLECAT) uses per event type, beyond the manual's tables."""
    import csv
    out: dict[str, set] = {}
    with open(NGEC_CODEBOOK, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["mode"]:
                out.setdefault(row["event"], set()).add(row["mode"])
    return out
