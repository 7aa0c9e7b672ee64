"""Photo and image credits inside a line of text (ANNOTATION.md, "Text, chrome
and metadata"): `(2025年 ロイター/Daniel Cole)` after a caption, `(出所:JOGMEC)`
under a map, `写真:AFP/アフロ`. A credit holds no mentions — its agency is no
actor, its year no date — while the caption around it still counts."""

from __future__ import annotations

import re

# On NFKC-normalized text: ASCII brackets and colons.
_CREDITS = [
    re.compile(r"\(\d{4}年?\s?[^()/、。]{1,30}/[^()、。]{1,40}\)"),  # (2025年 ロイター/Daniel Cole)
    re.compile(r"\((?:出所|出典|画像|写真|図|資料|撮影)\s?[:/][^()。]{1,40}\)"),  # (出所:JOGMEC)
    re.compile(r"^\s*(?:写真|画像|撮影)\s?[:/][^。、]{1,40}$"),  # 写真:AFP/アフロ, a line of its own
]


def credit_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the credits in a sentence's normalized text."""
    if "/" not in text and ":" not in text:
        return []  # every credit has one (a cheap look spares most sentences the patterns)
    return [m.span() for pattern in _CREDITS for m in pattern.finditer(text)]
