"""Surface-form normalisation shared by the dictionary index and the matcher.

Both sides go through the same tokenizer, so "Kim Jong-un", "Kim Jong Un" and
"KIM JONG-UN" all become the key ("kim", "jong", "un"), "U.S." and "US" both become
("us",), and "China’s" becomes ("china", "s") — the trailing "s" is a possessive the
matcher simply steps over.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Dotted acronyms (U.S., U.N., D.P.R.K.) are one token; otherwise runs of word chars.
# CJK/Hangul runs are \w too, so "宋涛" is one token (the CJK scanner handles them
# inside unspaced text).
TOKEN_RE = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|\w+")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
APOSTROPHES = "'’‘`´"


@lru_cache(maxsize=200_000)
def norm_token(tok: str) -> str:
    """Lowercase, strip diacritics and dots: 'Khürelsükh' -> 'khurelsukh', 'U.S.' -> 'us'."""
    t = tok.replace(".", "")
    if t.isascii():
        return t.lower()
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return t.casefold()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(token, start_char, end_char) for every token of ``text``."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def key_of(text: str) -> tuple[str, ...]:
    """The lookup key of a surface form."""
    if "." not in text and text.isascii():   # the common case: one regex pass
        return tuple(TOKEN_RE.findall(text.lower()))
    return tuple(map(norm_token, TOKEN_RE.findall(text)))


def is_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def is_acronym(form: str) -> bool:
    """'US', 'U.N.', 'DPRK', 'ROK': all-capital short forms must match in capitals
    (so the pronoun 'us' never becomes the United States)."""
    letters = form.replace(".", "").replace(" ", "")
    return 1 < len(letters) <= 6 and letters.isalpha() and letters.isupper()


def key_variants(form: str) -> set[tuple[str, ...]]:
    """Keys under which a dictionary form is indexed.

    Besides the plain key, hyphenated given names are also indexed joined
    ("Kim Jong-un" -> kim jongun) and with a leading "the" dropped ("the Pentagon").
    """
    if "-" not in form:   # the common case, without building sets twice
        k = key_of(form)
        if k and k[0] == "the" and len(k) > 1:
            k = k[1:]
        return {k} if k else set()
    keys = {key_of(form)}
    if "-" in form:
        keys.add(key_of(re.sub(r"(?<=\w)-(?=\w)", "", form)))
    out = set()
    for k in keys:
        if k and k[0] == "the" and len(k) > 1:
            k = k[1:]
        if k:
            out.add(k)
    return out


def slug(name: str) -> str:
    """Stable id part of a name: 'Kim Jong-un' -> 'kim-jong-un'."""
    return "-".join(norm_token(t) for t, _, _ in tokenize(name)) or name.strip().lower()


_PLURAL_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "child": "children",
                     "police": "police", "staff": "staff", "personnel": "personnel",
                     "media": "media", "military": "military", "clergy": "clergy"}


def plural(word: str) -> str:
    """English plural of the last word of an agent noun (enough for dictionary nouns)."""
    head, _, last = word.rpartition(" ")
    if last in _PLURAL_IRREGULAR:
        p = _PLURAL_IRREGULAR[last]
    elif last.endswith("child"):        # child, schoolchild
        p = last + "ren"
    elif last.endswith("man"):
        p = last[:-3] + "men"
    elif last.endswith(("s", "x", "ch", "sh", "z")):
        p = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        p = last[:-1] + "ies"
    else:
        p = last + "s"
    return f"{head} {p}" if head else p
