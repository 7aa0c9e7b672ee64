"""Bytes to text: UTF-8 (with or without BOM), else a detected legacy encoding.

Japanese web text still comes as Shift_JIS/CP932 or EUC-JP; the encoding is
detected (charset-normalizer), never assumed. Binary and undecodable input is
refused with a reason a user can act on.
"""

from __future__ import annotations

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
MAX_CONTROL_SHARE = 0.05


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (NUL bytes)")
    decoded = _utf8(data) or _detected(data)
    if decoded is None:
        raise DecodeError("not text in any known encoding")
    if _control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters)")
    return decoded


def _utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return None


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None or best.encoding is None:
        return None
    return Decoded(str(best), best.encoding)


def _control_share(text: str) -> float:
    sample = text[:8192]
    return sum(ord(c) in _CONTROL for c in sample) / max(len(sample), 1)
