"""Money figures: an amount with a currency word, its qualifier, and the figure a
bracketed conversion converts (ANNOTATION.md, "Money").

Steps (ja-timex style): find numbers (Sudachi) → attach a currency (currencies.tsv)
→ join ranges → read qualifiers (qualifiers.tsv) → link bracketed conversions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from claimcli.extract.numbers import Number, number_runs, scale_of
from claimcli.extract.qualifiers import EXACT, OVER, UP_TO, qualify, suffix_qualifier
from claimcli.extract.words import match_after, match_before, words
from claimcli.text.sentence import Sentence

_SCALE_WORD = re.compile(r" ?([A-Za-z]+)")
_RANGE_JOINERS = ("~", "から")


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


def extract(sentence: Sentence) -> list[Money]:
    text = sentence.normalized
    numbers = number_runs(sentence.tokens)
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


def _join_ranges(text: str, numbers: list[Number], figures: list[_Figure]) -> list[_Figure]:
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
    """`350億ドル(約5兆2500億円)`: the bracketed figure converts the one before it,
    and a qualifier after the bracket (`…)を超える`) belongs to that one."""
    out = list(mentions)
    for i in range(len(out) - 1):
        outer, inner = out[i], out[i + 1]
        close = _bracketed(text, outer.end, inner)
        if close is None:
            continue
        out[i + 1] = replace(inner, equivalent_of=outer.text)
        after = suffix_qualifier(text, close)
        if outer.qualifier == EXACT and after:
            out[i] = replace(outer, qualifier=after)
    return out


def _bracketed(text: str, pos: int, inner: Money) -> int | None:
    """Where the text after a bracket holding exactly `inner` continues, if
    text at pos is that bracket."""
    pos = _skip_spaces(text, pos)
    if not text.startswith("(", pos) or _skip_spaces(text, pos + 1) != inner.start:
        return None
    close = _skip_spaces(text, inner.end)
    return close + 1 if text.startswith(")", close) else None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos
