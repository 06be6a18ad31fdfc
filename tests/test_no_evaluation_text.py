"""No evaluation text in the project: tests, code, comments, docs, samples and dictionaries
use our own sentences, and dictionary aliases are true in the world, not misspellings
picked up from an evaluation set.

1. Shingles: no run of SHINGLE consecutive words of a tracked file under tests/, src/,
   samples/, docs/, bench/ (or README/DEVELOPERS; vendored third-party dictionaries
   excepted) occurs in the evaluation text: the seeds,
   the real-news articles, and the sentences of the eval sets (PLOVER GSR, the CAMEO
   manual's examples, the PETRARCH suites, ConfliBERT, CASE 2021, NGEC). Words are
   compared lower-cased, punctuation ignored. Official names longer than the shingle are
   listed in STOCK_PHRASES. (The CAMEO/PLOVER code names and definitions are the scheme's
   vocabulary, not evaluation sentences: only the manual's examples are scanned.)
2. Aliases: an alias of a dictionary entry that is a close spelling variant of the entry's
   name -- same number of words, one or more words a few letters apart, not just
   case, punctuation, diacritics, British/American spelling or a longer/shorter form -- and
   that occurs in the evaluation text is either a real-world transliteration listed, with
   its reason, in REVIEWED_VARIANTS, or a misspelling and must go: a dictionary entry must
   be true in the world, not true to a test case. (Country names and demonyms have no
   canonical spelling to compare with; they were reviewed by hand.)

The evaluation text is read by path and never printed in full: a failure names the file
and the shared words, which are then rewritten.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from rapidfuzz.distance import Levenshtein

from conftest import ROOT, SHARED

SHINGLE = 8
SCANNED = ("tests", "src", "samples", "docs", "bench", "README.md", "DEVELOPERS.md")
# Third-party dictionaries shipped as they are, with their licence and provenance (names
# of organisations, not sentences; ../shared/data/phoenix): not ours to rewrite.
VENDORED = ("src/eventwire/data/actors/phoenix/",)
TEXT_FILES = (".py", ".yaml", ".yml", ".csv", ".tsv", ".txt", ".md", ".json", ".jsonl", ".html",
              ".js", ".rss", ".xml", ".toml", ".cfg")

# Official names and set phrases of SHINGLE words or more: shared with some evaluation text
# because they are the names themselves, not because a sentence was copied.
STOCK_PHRASES = (
    "united kingdom of great britain and northern ireland",
    "national union for the total independence of angola",
    "organization for security and co operation in europe",
    "osce organization for security and cooperation in europe",
    "islamic state of iraq and the levant",
    "on the sidelines of the asia pacific economic cooperation",
    "an emergency meeting of the un security council",
)

# Spelling variants of a name that occur in evaluation text and are real-world spellings
# (transliteration systems, house styles, official renamings), reviewed one by one.
REVIEWED_VARIANTS = {
    "Volodymyr Zelenskiy": "Reuters house style", "Moammar Gadhafi": "AP house style",
    "Abdel Fattah al-Sisi": "al-/el- transliteration of the article", "Alexey Navalny": "transliteration",
    "Khalifa Hifter": "NYT/AP transliteration", "Hizbollah": "British house style (Guardian, FT)",
    "al-Qaida": "AP house style", "Al-Qaida": "AP house style", "al-Shabab": "AP house style",
    "Steve Mnuchin": "the name he goes by", "Mohammad Zia-ul-Haq": "transliteration of Muhammad",
    "Mohammad Zia-Ul-Haq": "transliteration of Muhammad", "Kiev": "the name in English before 2022",
    "Rangoon": "the name in English before 1989", "Israeli Defense Forces": "adjectival form many outlets use",
    "Pakistani Army": "adjectival form",
    "David Oddsson": "English transliteration of ð", "Sigmundur David Gunnlaugsson": "English transliteration of ð",
    "Milo Djukanovic": "ASCII transliteration of Đ (Reuters, AP)", "Isaias Afewerki": "the usual English spelling",
    "Jigmi Thinley": "the spelling he used himself (Jigmi Y. Thinley)",
}

SHARED_MISSING = pytest.mark.skipif(not (SHARED / "news").is_dir() or not (SHARED / "eval").is_dir(),
                                    reason=f"no evaluation data at {SHARED}")
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


# ---------------------------------------------------------------- the evaluation text

def _xml_texts(path: Path):
    return (m.group(1) for m in re.finditer(r"<Text>(.*?)</Text>", path.read_text(errors="ignore"), re.S))


def evaluation_texts():
    """(origin, text) of every evaluation sentence source."""
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seeds/{p.name}", p.read_text(errors="ignore")
    for line in (SHARED / "news" / "articles.jsonl").open(errors="ignore"):
        a = json.loads(line)
        yield f"news/{a['id']}", f"{a.get('title') or ''}\n{a.get('text') or ''}"
    ev = SHARED / "eval"
    gsr = ev / "plover" / "PLOVER_GSR_CAMEO.txt"
    if gsr.exists():
        for r in json.loads(gsr.read_text(errors="ignore")):
            yield "eval/plover GSR", r.get("text") or ""
    for p in sorted((ev / "cameo").glob("*.md")):   # the manual's examples, not its definitions
        for m in re.finditer(r"^\|\s*Example(?: Note)?\s*\|(.*)\|\s*$", p.read_text(errors="ignore"), re.M | re.I):
            yield f"eval/cameo/{p.name}", m.group(1)
    for folder in ("petrarch2", "universalpetrarch"):
        for p in sorted((ev / folder).glob("*.xml")):
            for t in _xml_texts(p):
                yield f"eval/{folder}/{p.name}", t
    for p in sorted((ev / "universalpetrarch").glob("*.zip")):
        with zipfile.ZipFile(p) as z:
            for n in z.namelist():
                if n.endswith(".txt"):
                    yield f"eval/{p.name}", z.read(n).decode("utf-8", "ignore")
    cls = ev / "conflibert_cameo" / "cameo_class" / "train.tsv"
    if cls.exists():
        yield "eval/conflibert", "\n".join(line.rsplit("\t", 1)[0] for line in cls.open(errors="ignore"))
    ner = ev / "conflibert_cameo" / "cameo_ner" / "train.txt"
    if ner.exists():
        yield "eval/conflibert ner", " ".join(line.split()[0] for line in ner.open(errors="ignore") if line.strip())
    case = ev / "case2021" / "test_set_final_release_with_labels.tsv"
    if case.exists():
        yield "eval/case2021", "\n".join(r.get("EventSnippet") or "" for r in
                                         csv.DictReader(case.open(errors="ignore"), delimiter="\t"))
    heads = ev / "ngec" / "synthetic_headlines.csv"
    if heads.exists():
        yield "eval/ngec", "\n".join(r.get("title") or "" for r in csv.DictReader(heads.open(errors="ignore")))
    for p in sorted((ev / "ngec").glob("*.zip")):
        with zipfile.ZipFile(p) as z:
            for n in z.namelist():
                yield f"eval/ngec/{n}", z.read(n).decode("utf-8", "ignore")


@functools.lru_cache(maxsize=1)
def evaluation_words() -> list[tuple[str, list[str]]]:
    return [(origin, words(text)) for origin, text in evaluation_texts()]


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--", *SCANNED], capture_output=True, text=True, cwd=ROOT)
    return [f for f in out.stdout.split() if f.endswith(TEXT_FILES) and (ROOT / f).is_file()
            and not f.startswith(VENDORED)]


# ---------------------------------------------------------------- 1. shingles

def _stock() -> set[tuple]:
    out = set()
    for phrase in STOCK_PHRASES:
        w = phrase.split()
        out.update(tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
    return out


@SHARED_MISSING
def test_no_file_shares_a_run_of_words_with_evaluation_text():
    ours: dict[tuple, set[str]] = {}
    for f in tracked_files():
        if f == "tests/test_no_evaluation_text.py":
            continue   # this file names the stock phrases
        w = words((ROOT / f).read_text(errors="ignore"))
        for i in range(len(w) - SHINGLE + 1):
            ours.setdefault(tuple(w[i:i + SHINGLE]), set()).add(f)
    stock = _stock()
    hits: dict[str, set[str]] = {}
    for origin, w in evaluation_words():
        for i in range(len(w) - SHINGLE + 1):
            k = tuple(w[i:i + SHINGLE])
            if k in ours and k not in stock:
                for f in ours[k]:
                    hits.setdefault(f, set()).add(f"{origin.split('/')[0]}: {' '.join(k)!r}")
    assert not hits, "evaluation text copied into the project (write your own sentences):\n" + "\n".join(
        f"  {f}: {len(h)} shared runs of {SHINGLE} words, e.g. {sorted(h)[0]}" for f, h in sorted(hits.items()))


def test_the_shingle_check_would_catch_a_copy(tmp_path):
    """The check itself: a run of eight words is found, seven are not."""
    text = "one two three four five six seven eight nine"
    ours = {tuple(words(text)[i:i + SHINGLE]) for i in range(2)}
    assert tuple(words("x one two three four five six seven eight")[1:9]) in ours
    assert tuple(words("one two three four five six seven")) not in ours


# ---------------------------------------------------------------- 2. aliases

_SPELLING = [(r"isation", "ization"), (r"our\b", "or"), (r"programme", "program"), (r"defence", "defense"),
             (r"centre", "center")]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    for a, b in _SPELLING:
        s = re.sub(a, b, s)
    return re.sub(r"[^a-z ]+", "", s.replace("-", " ")).strip()


def _key(s: str) -> str:
    return _fold(s).replace(" ", "")


def misspelling_like(alias: str, name: str) -> bool:
    """`alias` differs from `name` by a few letters inside words -- not by case, punctuation,
    diacritics, British/American spelling, an added or dropped word, or an acronym."""
    a, n = _key(alias), _key(name)
    if a == n or not a or not n or a in n or n in a or alias.isupper() or name.isupper():
        return False
    wa, wn = _fold(alias).split(), _fold(name).split()
    if len(wa) != len(wn):
        return False
    diffs = [(x, y) for x, y in zip(wa, wn) if x != y]
    return bool(diffs) and all(Levenshtein.distance(x, y) <= max(2, len(y) // 3) for x, y in diffs)


def alias_groups() -> list[tuple[str, list[str]]]:
    """(file, [name, aliases...]) of the actor and place dictionaries."""
    data = ROOT / "src" / "eventwire" / "data"
    groups = []

    def walk(x, f):
        if isinstance(x, dict):
            if "name" in x and "aliases" in x:
                groups.append((f, [x["name"], *(x.get("aliases") or [])]))
            for v in x.values():
                walk(v, f)
        elif isinstance(x, list):
            for v in x:
                walk(v, f)
    for p in sorted((data / "actors").glob("*.yaml")):
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        if p.name != "countries.yaml":   # country names and demonyms: no canonical spelling
            walk(doc, p.name)
    by_target: dict[str, list[str]] = {}
    for row in csv.reader(line for line in (data / "places" / "aliases.csv").open(encoding="utf-8")
                          if not line.startswith("#")):
        if len(row) >= 3 and row[0] != "alias":
            by_target.setdefault(row[2], []).append(row[0])
    groups += [("places/aliases.csv", [t.split("|")[0], *al]) for t, al in by_target.items()]
    return groups


def variant_candidates() -> list[tuple[str, str, str]]:
    """(file, alias, name) for aliases that look like a misspelling of their entry's name."""
    out = set()
    for f, names in alias_groups():
        for a in names[1:]:
            if isinstance(a, str) and misspelling_like(a, names[0]):
                out.add((f, a, names[0]))
    return sorted(out)


@pytest.mark.parametrize("alias, name, flagged", [
    ("Kim Jung Un", "Kim Jong-un", True),          # one letter inside a word
    ("Francois Mitterand", "François Mitterrand", True),
    ("Kim Jong Un", "Kim Jong-un", False),         # punctuation only
    ("World Health Organisation", "World Health Organization", False),   # British spelling
    ("The Taliban", "Taliban", False),             # a longer form
    ("Recep Erdogan", "Recep Tayyip Erdogan", False),
    ("ISIL", "ISIS", False),                       # acronyms
    ("Erdoğan", "Erdogan", False),                 # diacritics
])
def test_misspelling_like(alias, name, flagged):
    assert misspelling_like(alias, name) is flagged


@SHARED_MISSING
def test_no_alias_is_a_misspelling_taken_from_evaluation_text():
    cands = variant_candidates()
    wanted = {tuple(words(a)) for _, a, _ in cands}
    sizes = {len(w) for w in wanted}
    seen = set()
    for _, w in evaluation_words():
        for k in sizes:
            for i in range(len(w) - k + 1):
                t = tuple(w[i:i + k])
                if t in wanted:
                    seen.add(t)
    bad = [(f, a, n) for f, a, n in cands if tuple(words(a)) in seen and a not in REVIEWED_VARIANTS]
    assert not bad, "aliases that are spelling variants found in evaluation text; remove a misspelling, " \
        "or add a real-world spelling to REVIEWED_VARIANTS with its reason:\n" + "\n".join(
            f"  {f}: {a!r} (a variant of {n!r})" for f, a, n in bad)
