"""Money figures: an amount with a currency word, its qualifier, and the figure a
bracketed conversion converts (ANNOTATION.md, "Money").

Steps (ja-timex style): find numbers (Sudachi) → attach a currency (currencies.tsv)
→ join ranges → read qualifiers (qualifiers.tsv) → link bracketed conversions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from claimcli.extract.context import Context
from claimcli.extract.numbers import Number, number_runs, scale_of
from claimcli.extract.qualifiers import EXACT, OVER, UP_TO, qualify, suffix_qualifier
from claimcli.extract.words import match_after, match_before, words
from claimcli.text.sentence import Sentence

_SCALE_WORD = re.compile(r" ?([A-Za-z]+)")
_RANGE_JOINERS = ("~", "〜", "-", "から")  # NFKC turns ～ into ~; 〜 (U+301C) stays
_EQUALS = "="  # NFKC turns ＝ into =


@dataclass(frozen=True)
class Money:
    start: int  # span in the sentence's normalized text
    end: int
    text: str  # as written
    amount: Decimal
    currency: str
    qualifier: str = EXACT
    equivalent_of: str | None = None

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "amount": as_number(self.amount),
            "currency": self.currency,
            "qualifier": self.qualifier,
            "equivalent_of": self.equivalent_of,
        }


@dataclass(frozen=True)
class _Figure:
    start: int  # the number (with its prefix currency)
    end: int  # through the currency word
    amount: Decimal
    currency: str
    vague: bool
    range_start: int | None = None


def as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def extract(sentence: Sentence, context: Context) -> list[Money]:
    """Money figures of the sentence (they need nothing of the context)."""
    text = sentence.normalized
    numbers = sentence.derived(number_runs)
    figures = [f for n in numbers if (f := _figure(text, n)) is not None]
    figures = _join_ranges(text, numbers, figures)
    mentions = [_qualified(sentence, f) for f in figures]
    return _link_conversions(text, mentions)


def _figure(text: str, num: Number) -> _Figure | None:
    """A number followed by a currency word, or preceded by a currency sign."""
    end, amount = num.end, num.value
    if (m := _SCALE_WORD.match(text, end)) and (scale := scale_of(m.group(1))):
        end, amount = m.end(), amount * scale  # $17 billion
    if found := match_after(text, end, words("currencies.tsv", "suffix")):
        return _Figure(num.start, end + len(found[0]), amount, found[1], num.vague)
    if found := match_before(text, num.start, words("currencies.tsv", "prefix")):
        return _Figure(num.start - len(found[0]), end, amount, found[1], num.vague)
    return None


def _join_ranges(text: str, numbers: tuple[Number, ...], figures: list[_Figure]) -> list[_Figure]:
    """`15億~20億US$`, `5000万ドル~1億ドル`: one figure from the first number."""
    ends = {n.end: n for n in numbers} | {f.end: f for f in figures}
    joined: list[_Figure] = []
    for fig in figures:
        for joiner in _RANGE_JOINERS:
            at = fig.start - len(joiner)
            if text.startswith(joiner, at) and (first := ends.get(at)) is not None:
                if joined and joined[-1] is first:
                    joined.pop()
                fig = replace(fig, range_start=first.start)
                break
        joined.append(fig)
    return joined


def _qualified(sentence: Sentence, fig: _Figure) -> Money:
    start = fig.range_start if fig.range_start is not None else fig.start
    q = qualify(sentence.normalized, start, fig.end)
    qualifier = UP_TO if fig.range_start is not None else q.qualifier or (OVER if fig.vague else EXACT)
    return Money(q.start, q.end, sentence.original(q.start, q.end), fig.amount, fig.currency, qualifier)


def _link_conversions(text: str, mentions: list[Money]) -> list[Money]:
    """`350億ドル(約5兆2500億円)` and `5500億ドル=84兆円あまり`: the second figure
    converts the first. A bracket may hold a rate note instead (`30億ドル(1ドル=約150円)超`):
    its yen converts its 1ドル. A qualifier after the bracket belongs to the figure before it."""
    out = list(mentions)
    for i in range(len(out) - 1):
        outer, inner = out[i], out[i + 1]
        if text.startswith(_EQUALS, _skip_spaces(text, outer.end)) and \
                _skip_spaces(text, _skip_spaces(text, outer.end) + 1) == inner.start:
            out[i + 1] = replace(inner, equivalent_of=outer.text)
            continue
        close = _bracket_end(text, outer.end, out[i + 1:])
        if close is None:
            continue
        if _skip_spaces(text, inner.end) == close - 1:  # the bracket holds one figure: a conversion
            out[i + 1] = replace(inner, equivalent_of=outer.text)
        after = suffix_qualifier(text, close)
        if outer.qualifier == EXACT and after:
            out[i] = replace(outer, qualifier=after)
    return out


def _bracket_end(text: str, pos: int, following: list[Money]) -> int | None:
    """Where the text continues after a bracket at pos that holds nothing but
    the figures that follow (one conversion, or a rate note `1ドル=約150円`)."""
    pos = _skip_spaces(text, pos)
    if not text.startswith("(", pos) or not following or _skip_spaces(text, pos + 1) != following[0].start:
        return None
    end = following[0].end
    for nxt in following[1:]:
        between = text[end:nxt.start].strip()
        if between != _EQUALS:
            break
        end = nxt.end
    close = _skip_spaces(text, end)
    return close + 1 if text.startswith(")", close) else None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos
