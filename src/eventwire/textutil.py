"""Small text helpers shared by stages."""
from __future__ import annotations


def paren_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of every balanced parenthesis pair, inner pairs first.

    Dates and places inside parentheses are usually citations ("(Korea Times, November
    20)"), not the event's own, so the date and place stages need to know them."""
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            out.append((stack.pop(), i))
    return out


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy joins every token's text on each access
    (milliseconds per article), and several stages read it."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text


def has_ner(doc) -> bool:
    """Did the model's NER run on this Doc? (EVENTWIRE_NER; off by default)"""
    return doc is not None and doc.has_annotation("ENT_IOB")
