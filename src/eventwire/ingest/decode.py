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
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    # Valid UTF-8 is a strong signal, stronger than a (often wrong) declared charset.
    candidates: list[str] = ["utf-8-sig"]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.insert(0, "utf-16")
    if declared:
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    candidates += ["cp1252", "latin-1"]
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _sane(text):
            return text, enc
    raise DecodeError("undecodable: not UTF-8, UTF-16, cp1252 or latin-1 text")
