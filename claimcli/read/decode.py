"""Bytes to text: UTF-8 (with or without BOM), else a detected legacy encoding.

Japanese web text still comes as Shift_JIS/CP932 or EUC-JP; the encoding is
detected (charset-normalizer), never assumed. Binary and undecodable input is
refused with a reason a user can act on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


# Control characters other than tab, newline, carriage return and form feed:
# a few may slip into scraped text, many mean the file is not text.
_CONTROLS = "\x00-\x08\x0b\x0e-\x1f"  # all below 32 but tab, newline, form feed and return
_CONTROL = re.compile(f"[{_CONTROLS}]")
_STRIP_CONTROL = re.compile(f"[{_CONTROLS}\x7f]")
MAX_CONTROL_SHARE = 0.05  # more control characters than this: not text
MAX_NUL_SHARE = 0.01  # a stray NUL is scraper debris; many mean UTF-16 or binary
MAX_REPAIRED_SHARE = 0.005  # UTF-8 with this few bad bytes (a truncated file) is repaired
MIN_REPAIRED = 3
SAMPLE = 8192
GOOD_PER_REPAIRED = 3  # good non-ASCII characters per bad byte for UTF-8 to be repaired
JAPANESE_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")
MIN_JAPANESE_SHARE = 0.9
# Kana, kanji, CJK punctuation, full-width forms: what Japanese text is made of.
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file")
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _utf16(data)
    if data[:SAMPLE].count(0) > MAX_NUL_SHARE * min(len(data), SAMPLE):
        raise DecodeError("binary file (NUL bytes)")
    decoded = _utf8(data) or _repaired_utf8(data) or _japanese(data) or _detected(data)
    if decoded is None:
        raise DecodeError("binary file, or text in no known encoding")
    if _control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters)")
    if not decoded.text.strip():
        raise DecodeError("empty file (only a byte-order mark, or blanks)")
    return Decoded(_STRIP_CONTROL.sub("", decoded.text), decoded.encoding)


def _utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return None


def _utf16(data: bytes) -> Decoded:
    try:
        return Decoded(_STRIP_CONTROL.sub("", data.decode("utf-16")), "utf-16")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"broken UTF-16 ({exc.reason})") from None


def _repaired_utf8(data: bytes) -> Decoded | None:
    """UTF-8 cut off mid-character, or with a few bad bytes among many good
    characters: keep the text. (Bytes of another encoding read as UTF-8 give
    few good non-ASCII characters: `10億円` in Shift_JIS is not repaired UTF-8.)"""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    if bad > max(MIN_REPAIRED, MAX_REPAIRED_SHARE * len(text)) or good < GOOD_PER_REPAIRED * bad:
        return None
    return Decoded(text.replace("\ufffd", ""), "utf-8 (repaired)")


def _japanese(data: bytes) -> Decoded | None:
    """The legacy encodings of Japanese text, tried before any other: the first
    that decodes the bytes whole into Japanese (kana, kanji, full-width forms)."""
    best: tuple[float, Decoded] | None = None
    for encoding in JAPANESE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _japanese_share(text)
        if share >= MIN_JAPANESE_SHARE and (best is None or share > best[0]):
            best = (share, Decoded(text, encoding))
    return best[1] if best else None


def _japanese_share(text: str) -> float:
    """Of the non-ASCII characters, those Japanese text is made of."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return 0.0
    return sum(1 for c in wide if _JAPANESE.match(c)) / len(wide)


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None or best.encoding is None:
        return None
    return Decoded(str(best), best.encoding)


def _control_share(text: str) -> float:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)
