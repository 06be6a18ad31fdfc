"""Bytes -> text, refusing binaries and undecodable data with a clear reason.

Encodings are tried in a fixed order (UTF-8 with or without BOM, UTF-16 with BOM,
cp1252, latin-1). latin-1 accepts every byte, so its result must pass a sanity
check: real text has almost no control characters.
"""
from __future__ import annotations

import codecs
import re


class DecodeError(ValueError):
    """Not text; the message is the user-facing reason."""


_SNIFF = 8192
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or a high share of control bytes = not text."""
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def _sane(text: str) -> bool:
    if not text:
        return True
    bad = len(_BAD_CONTROL.findall(text[:100_000]))
    return bad / min(len(text), 100_000) < 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Raises DecodeError (binary, undecodable)."""
    text, enc, _notes = decode_text(data, declared)
    return text, enc


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding used, notes for the document). Raises DecodeError.

    Order: UTF-16 with a BOM, UTF-8, mostly-valid UTF-8 (a few stray bytes replaced,
    with a note), the declared charset, cp1252, latin-1 (with a sanity check)."""
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    # Valid UTF-8 is a strong signal, stronger than a (often wrong) declared charset.
    first: list[str] = ["utf-8-sig"]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        first.insert(0, "utf-16")
    later: list[str] = []
    if declared:
        try:
            later.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    later += ["cp1252", "latin-1"]
    for enc in first:
        text = _try(data, enc)
        if text is not None:
            return text, enc, []
    mostly = mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        return text, "utf-8", [f"{bad} byte(s) that are not UTF-8 replaced"]
    for enc in dict.fromkeys(later):
        text = _try(data, enc)
        if text is not None:
            return text, enc, []
    raise DecodeError("undecodable: not UTF-8, UTF-16, cp1252 or latin-1 text")


def _try(data: bytes, enc: str) -> str | None:
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _sane(text) else None


_ESCAPED = re.compile("[\udc80-\udcff]+")
_LEADS = [bytes([b]) for b in range(0xC2, 0xF5)]


def mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, number of bad bytes) when ``data`` is UTF-8 with a few stray bytes.

    Real UTF-8 articles get damaged: one byte cut from a multi-byte letter, a cp1252
    apostrophe pasted into a UTF-8 file. Refusing the article for that loses it
    whole, and reading it as cp1252 turns every curly quote into mojibake. So: if the
    valid multi-byte characters are at least as many as the bad bytes (cp1252 or
    latin-1 text almost never forms valid UTF-8 sequences), decode as UTF-8. A lone
    bad byte that is cp1252 punctuation (0x80-0x9F: ’ “ ” – — € …) becomes that
    character; any other run of bad bytes becomes one U+FFFD.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    # One pass: bad bytes come out as lone surrogates U+DC80..U+DCFF.
    text = data.decode("utf-8", "surrogateescape")
    runs = _ESCAPED.findall(text)
    bad = sum(len(r) for r in runs)
    # Lead bytes of multi-byte characters (C bytes.count is fast; bad leads subtracted).
    multibyte = sum(data.count(lead) for lead in _LEADS) - bad
    if not bad or multibyte < bad:
        return None
    text = _ESCAPED.sub(lambda m: _stray(m.group(0)), text)
    return (text, bad) if _sane(text) else None


def _stray(run: str) -> str:
    raw = run.encode("utf-8", "surrogateescape")
    if len(raw) == 1 and 0x80 <= raw[0] <= 0x9F:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return "\ufffd"
