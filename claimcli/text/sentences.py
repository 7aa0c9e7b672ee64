"""Sentences: split on 。！？!? and line breaks, never inside 「」『』（）.

Headings and bullet lines are sentences of their own because every line break
ends a sentence. Brackets left open at a line break are forgotten there, so an
unpaired 「 cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TERMINATORS = frozenset("。！？!?")
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")"}
CLOSERS = frozenset(OPENERS.values())
# A bracket still open after this many characters was never meant to close.
MAX_BRACKETED = 1000
# Longer "sentences" (a page saved as one line, a table) are cut into pieces
# of at most this many characters, at a comma or a space where there is one,
# so that no step ever works on more than a bounded piece of text.
MAX_SENTENCE = 2000
_SOFT_BREAKS = "、,， 　"
# A figure's characters: digits, separators and the kanji of numbers and their scales.
_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９.,．，〇一二三四五六七八九十百千万億兆")
MAX_BRACKET_BACK = 100  # a bracket opened this near before a hard cut is not cut through


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str, segments: list[Span] | None = None) -> list[Span]:
    """Sentence spans of text (only inside segments, when given), whitespace trimmed."""
    out: list[Span] = []
    for seg in segments if segments is not None else [Span(0, len(text))]:
        out.extend(_split(text, seg.start, seg.end))
    return out


def _split(text: str, start: int, end: int) -> list[Span]:
    """Spans between sentence ends, found by looking only at the characters
    that matter (line breaks, brackets, runs of terminators): a loop over every
    character in Python was most of the time it took."""
    spans: list[Span] = []
    depth, opened_at, begin = 0, 0, start
    looked_at = start  # the characters before this one are read
    for m in _SPECIAL.finditer(text, start, end):
        i, ch = m.start(), m.group()[0]
        if depth and max(looked_at, opened_at + MAX_BRACKETED + 1) < i:
            depth = 0  # an ordinary character this far after the bracket: it never closes
        looked_at = m.end()
        if ch == "\n":
            spans.append(Span(begin, i))
            depth, begin = 0, i + 1
        elif ch in OPENERS:
            if depth == 0:
                opened_at = i
            depth += 1
        elif ch in CLOSERS:
            depth = max(depth - 1, 0)
        else:  # a run of terminators
            if depth:  # inside a bracket: forgotten at the first terminator past the limit, which ends nothing
                forgotten_at = max(i, opened_at + MAX_BRACKETED + 1)
                if forgotten_at >= m.end():
                    continue  # still inside it
                depth = 0
                if forgotten_at + 1 == m.end():
                    continue  # the run's last terminator forgot it
            spans.append(Span(begin, m.end()))
            begin = m.end()
    spans.append(Span(begin, end))
    return [t for s in spans for piece in _bounded(text, s) if (t := _trim(text, piece)) is not None]


# What a sentence split looks at; a run of terminators (`!?`) ends one sentence.
_SPECIAL = re.compile("\n|[{}]|[{}]|[{}]+".format(*("".join(sorted(chars))
                                                    for chars in (OPENERS, CLOSERS, TERMINATORS))))


def _bounded(text: str, span: Span) -> list[Span]:
    pieces = []
    start = span.start
    while span.end - start > MAX_SENTENCE:
        cut = max((text.rfind(c, start + MAX_SENTENCE // 2, start + MAX_SENTENCE) for c in _SOFT_BREAKS),
                  default=-1)
        cut = cut + 1 if cut > start else _between_words(text, start + MAX_SENTENCE, start + MAX_SENTENCE // 2)
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, span.end))
    return pieces


def _between_words(text: str, cut: int, lowest: int) -> int:
    """A cut with no soft break near it, moved back to where the characters on
    its two sides are of different kinds (a figure, a katakana word, a Latin
    word or a bracketed part is never cut through: `250億ドル` is not `2`+`50億ドル`)."""
    at = cut
    while at > lowest and (_kind(text[at - 1]) == _kind(text[at]) != "other"
                           or "number" in (_kind(text[at - 1]), _kind(text[at]))):  # a number's unit, its 約
        at -= 1
    for opening, closing in (("(", ")"), ("（", "）"), ("「", "」")):  # an open bracket near the cut: before it
        opened = text.rfind(opening, max(lowest, at - MAX_BRACKET_BACK), at)
        if opened > lowest and text.find(closing, opened, at) < 0:
            at = opened
    return at if at > lowest else cut


def _kind(ch: str) -> str:
    if ch in _NUMBER_CHARACTERS:
        return "number"
    if "\u30a0" <= ch <= "\u30ff":
        return "katakana"
    if ch.isascii() and ch.isalnum():
        return "latin"
    return "other"


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None
