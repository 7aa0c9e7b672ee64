"""NFKC normalization that remembers where every character came from.

Extractors match on the normalized text (full-width digits and brackets become
ASCII, so one pattern serves both), while output shows the original text: a
span in the normalized text maps back to the exact source span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters NFKC leaves alone but that Japanese text uses interchangeably
# with an ASCII one.
_CIRCLED = re.compile("[\u2460-\u2473\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
_EXTRA = str.maketrans({"〜": "~", "−": "-", "‐": "-", "–": "-"})


@dataclass(frozen=True)
class Normalized:
    text: str
    starts: tuple[int, ...]  # source offset where normalized char i's cluster starts
    ends: tuple[int, ...]  # source offset where it ends

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span that normalized text[start:end] came from."""
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]


def _clusters(source: str):
    """Yield (start, end) of each base character with the combining marks after it,
    so that NFKC can compose them (half-width ｶﾞ becomes ガ, not カ plus a mark)."""
    i, n = 0, len(source)
    while i < n:
        j = i + 1
        while j < n and _is_mark(source[j]):
            j += 1
        yield i, j
        i = j


def _is_mark(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or ch in "\uff9e\uff9f"


def normalize(source: str) -> Normalized:
    if _unchanged(source):  # most Japanese text: the map is the identity
        positions = tuple(range(len(source)))
        return Normalized(source, positions, tuple(range(1, len(source) + 1)))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for s, e in _clusters(source):
        out = _nfkc(source[s:e])
        parts.append(out)
        starts.extend([s] * len(out))
        ends.extend([e] * len(out))
    return Normalized("".join(parts), tuple(starts), tuple(ends))


def _unchanged(source: str) -> bool:
    return unicodedata.is_normalized("NFKC", source) and source.translate(_EXTRA) == source


@lru_cache(maxsize=8192)
def _nfkc(cluster: str) -> str:
    if _CIRCLED.fullmatch(cluster):  # ②, ⑤: a list marker, never the digit it encircles (⑤5カ国 is 5カ国)
        return " "
    return unicodedata.normalize("NFKC", cluster).translate(_EXTRA)
