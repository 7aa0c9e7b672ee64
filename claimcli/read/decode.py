"""Bytes to text: UTF-8 (with or without BOM), else a detected legacy encoding.

Japanese web text still comes as Shift_JIS/CP932 or EUC-JP; the encoding is
detected (charset-normalizer), never assumed. Binary and undecodable input is
refused with a reason a user can act on.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


# Control characters other than tab, newline, carriage return and form feed:
# a few may slip into scraped text, many mean the file is not text.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_STRIP_CONTROL = {c: None for c in _CONTROL} | {0x7F: None}
MAX_CONTROL_SHARE = 0.05  # more control characters than this: not text
MAX_NUL_SHARE = 0.01  # a stray NUL is scraper debris; many mean UTF-16 or binary
MAX_REPAIRED_SHARE = 0.005  # UTF-8 with this few bad bytes (a truncated file) is repaired
MIN_REPAIRED = 3
SAMPLE = 8192


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file")
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _utf16(data)
    if data[:SAMPLE].count(0) > MAX_NUL_SHARE * min(len(data), SAMPLE):
        raise DecodeError("binary file (NUL bytes)")
    decoded = _utf8(data) or _detected(data) or _repaired_utf8(data)
    if decoded is None:
        raise DecodeError("binary file, or text in no known encoding")
    if _control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters)")
    return Decoded(decoded.text.translate(_STRIP_CONTROL), decoded.encoding)


def _utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return None


def _utf16(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-16").translate(_STRIP_CONTROL), "utf-16")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"broken UTF-16 ({exc.reason})") from None


def _repaired_utf8(data: bytes) -> Decoded | None:
    """UTF-8 cut off mid-character, or with a few bad bytes: keep the text."""
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > max(MIN_REPAIRED, MAX_REPAIRED_SHARE * len(text)):
        return None
    return Decoded(text.replace("\ufffd", ""), "utf-8 (repaired)")


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None or best.encoding is None:
        return None
    return Decoded(str(best), best.encoding)


def _control_share(text: str) -> float:
    sample = text[:8192]
    return sum(ord(c) in _CONTROL for c in sample) / max(len(sample), 1)
