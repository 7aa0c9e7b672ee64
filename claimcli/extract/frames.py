"""The fact a figure states — its frame: what it measures, for whom, for when,
in what unit. `claims compare` lines figures up by their frames, so a trade
total is never set against exports, one country's figure against another's, or
one year's against another year's.

- **measure**: the noun the figure modifies (`5500億ドルの対米投資` → 投資額) or is
  predicated of (`貿易額は前年比8%増の700億ドル` → 貿易額), by measures.tsv;
  `scope` keeps the nouns that narrow it (`自動車関税` → 関税率 of 自動車). A figure
  followed by a word of change (`12%増`) measures the change: 伸び率.
- **subject**: the countries and groupings of the figure's clause (between
  commas), else of its sentence.
- **time**: the period the figure is for — a year, half, quarter, range of
  months or fiscal year of the sentence, the one nearest the figure. Month and
  day points are events (`7月の合意`), not periods, and a date a change is
  counted from (`前年から14%増`) or a start (`2005年以降`) is no period either.
- **near**: the content nouns next to the figure, for the score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from claimcli.data import table
from claimcli.extract.words import WordTable, match_after, word_table
from claimcli.text.sentence import Sentence
from claimcli.text.tokens import Token

GROWTH = "伸び率"
MEASURE, EVENT = "measure", "event"  # the kinds of measures.tsv a figure's or a date's measure is read from
NEAR_BEFORE = 4  # content nouns before a figure that may say what it measures
NEAR_AFTER = 2
MEASURE_BEFORE = 15  # tokens searched back for the noun a figure is predicated of
MAX_BRACKET = 30  # tokens a conversion bracket may hold
MAX_SKIPPED = 6  # words between a figure and the noun it modifies (に上る投資, の日本からアメリカへの投資)
SCOPE_NOUNS = 2  # nouns before a measure word that narrow it (自動車関税)
SUBJECT_TYPES = ("country", "group")
_CLAUSE_BREAKS = "、,。"
_CONTENT = ("名詞", "動詞", "形容詞")
_PASSABLE = ("名詞", "助詞", "接尾辞", "形状詞")  # between a figure and its noun: の戦略的な対米投資
# Values of dates that name a period a figure can be for (ANNOTATION.md, "Dates").
# After a date, words that make it where a change is counted from (`前年から14%増加`), or a start.
_BASE = re.compile(r"\s?(?:から|より|比|と比べ|に比べ|以降|以来)")
_PERIOD = re.compile(r"\d{4}(-H[12])?|\d{4}(-\d{2})?/\d{4}(-\d{2})?")


@dataclass(frozen=True, slots=True)
class Frame:
    measure: str | None = None
    scope: str | None = None
    subject: tuple[str, ...] = ()
    time: str | None = None
    unit: str | None = None
    near: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"measure": self.measure, "scope": self.scope, "subject": list(self.subject), "time": self.time,
                "unit": self.unit, "near": list(self.near)}

    @classmethod
    def from_json(cls, data: object) -> Frame:
        """A frame read back from claims JSON; anything malformed is left empty."""
        if not isinstance(data, dict):
            return cls()
        return cls.from_slots(data.get("measure"), data.get("scope"), data.get("subject"), data.get("time"),
                              data.get("unit"), data.get("near"))

    @classmethod
    def from_slots(cls, measure: object, scope: object, subject: object, time: object, unit: object,
                   near: object) -> Frame:
        """A frame of slots as JSON gives them (its lists, or tuples of them); anything malformed is left empty."""
        return cls(_text(measure), _text(scope), _texts(subject), _text(time), _text(unit), _texts(near))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _texts(value: object) -> tuple[str, ...]:
    """A subject or near words: a set of words, in order (a word told twice is kept once)."""
    return tuple(dict.fromkeys(v for v in value if isinstance(v, str))) if isinstance(value, list | tuple) else ()


@cache
def _words(kind: str) -> WordTable:
    return word_table((row[0], row[1]) for row in table("measures.tsv") if len(row) >= 3 and row[2] == kind)


@cache
def _forms(kind: str) -> frozenset[str]:
    return frozenset(word for word, _ in _words(kind))


class SentenceFrames:
    """What the frames of one sentence's figures are read from, indexed once
    (token positions, the tokens inside figures and actors, clause breaks,
    periods), so that each figure costs the same however many the sentence has."""

    def __init__(self, sentence: Sentence, figures: tuple[tuple[int, int], ...], dates: tuple = (),
                 actors: tuple = ()) -> None:
        self.sentence = sentence
        self.text = sentence.normalized
        self.tokens = sentence.tokens
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        self.in_figure = self._covered(figures)
        self.in_actor = self._covered(tuple((a.start, a.end) for a in actors))
        self.nouns = [i for i, t in enumerate(self.tokens) if _is_noun(t) and not self.in_figure[i]]
        self.breaks = [i for i, c in enumerate(self.text) if c in _CLAUSE_BREAKS]
        self.subjects = sorted((a.start, a.end, a.id) for a in actors if a.type in SUBJECT_TYPES)
        self.periods = sorted((d.start, d.end, _period_name(d)) for d in dates
                              if d.kind in ("point", "range") and _PERIOD.fullmatch(d.value)
                              and not _BASE.match(self.text, d.end))

    def _covered(self, spans: tuple[tuple[int, int], ...]) -> list[bool]:
        covered = [False] * len(self.tokens)
        for a, b in spans:
            for i in range(bisect_right(self.ends, a), bisect_left(self.starts, b)):
                covered[i] = True
        return covered

    def words(self) -> str:
        """The sentence's content words (normalized), figures left out, space-joined:
        what rapidfuzz compares between two sentences."""
        return " ".join(t.normalized for i, t in enumerate(self.tokens)
                        if t.pos[0] in _CONTENT and not t.is_numeral and not self.in_figure[i])

    def frame(self, start: int, end: int, unit: str | None, is_date: bool = False) -> Frame:
        """The frame of the figure at normalized text[start:end]; a date's measure
        is the event it is the day of, and it is no period of its own."""
        first, last = bisect_right(self.ends, start), bisect_left(self.starts, end)
        measure, scope = self._measure(first, last, EVENT) if is_date else (None, None)
        if measure is None:  # a date of no named event may still be a tariff's or a trade total's
            measure, scope = self._measure(first, last, MEASURE)
        if measure and not is_date and self._changes(last, end):
            measure, scope = GROWTH, measure
        return Frame(measure=measure, scope=scope, subject=self._subject(start),
                     time=None if is_date else self._time(start), unit=unit, near=self._near(first, last))

    # -- measure --
    def _measure(self, first: int, last: int, kind: str) -> tuple[str | None, str | None]:
        """The noun the figure modifies, else the nearest one before it that it is predicated of."""
        after = self._after_figure(last)
        for i in range(after, min(len(self.tokens), after + MAX_SKIPPED + 1)):
            if (found := self._measure_at(i, kind)) is not None:
                return found
            t = self.tokens[i]
            if t.pos[0] not in _PASSABLE and not {t.normalized, t.surface} & _forms("skip"):
                break
        for i in range(first - 1, max(-1, first - 1 - MEASURE_BEFORE), -1):
            if not self.in_figure[i] and (found := self._measure_at(i, kind)) is not None:
                return found
        return None, None

    def _after_figure(self, i: int) -> int:
        """The first token after a figure, past its bracket or its `=` conversion."""
        tokens = self.tokens
        while i < len(tokens):
            if self.in_figure[i] or tokens[i].surface == "=":
                i += 1
            elif tokens[i].surface == "(":
                close = next((k for k in range(i, min(len(tokens), i + MAX_BRACKET)) if tokens[k].surface == ")"),
                             None)
                if close is None:
                    break
                i = close + 1
            else:
                break
        return i

    def _measure_at(self, i: int, kind: str) -> tuple[str, str | None] | None:
        """The measure word starting at token i, when it ends a compound (or is
        followed by a head noun that keeps it the measure): (measure, scope)."""
        tokens, text = self.tokens, self.text
        token = tokens[i]
        for word, measure in _words(kind).by_first.get(text[token.start], ()):
            if not text.startswith(word, token.start):
                continue
            k = bisect_left(self.ends, token.start + len(word))
            if k >= len(tokens) or tokens[k].end != token.start + len(word):
                continue  # the word ends inside a token: 投資家 is no 投資
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and _is_noun(nxt) and nxt.normalized not in _forms("head") \
                    and not match_after(text, nxt.start, _words(kind)):
                return None  # 関税交渉: the word modifies another noun
            return measure, self._scope(i)
        return None

    def _scope(self, i: int) -> str | None:
        """The common nouns right before a measure word: `自動車関税` → 自動車. An
        actor there (`対米投資`) is the subject's, not the scope's; a figure's
        unit (`80億ドル融資`) is no scope."""
        nouns: list[str] = []
        for k in range(i - 1, max(-1, i - 1 - SCOPE_NOUNS), -1):
            t = self.tokens[k]
            if not _is_noun(t) or t.pos[1] != "普通名詞" or self.in_actor[k] or self.in_figure[k]:
                break
            nouns.insert(0, t.surface)
        return "".join(nouns) or None

    def _changes(self, last: int, end: int) -> bool:
        """`12%増`, `8%伸びた`: the figure is a change of what it measures."""
        if any(self.text.endswith(word, 0, end) for word in _forms("change")):
            return True
        return last < len(self.tokens) and self.tokens[last].normalized in _forms("change")

    # -- subject, time, near --
    def _subject(self, start: int) -> tuple[str, ...]:
        """Countries and groupings of the figure's clause, else of the sentence."""
        k = bisect_left(self.breaks, start)
        left = self.breaks[k - 1] + 1 if k > 0 else 0
        right = self.breaks[k] if k < len(self.breaks) else len(self.text)
        clause = [i for a, b, i in self.subjects[bisect_left(self.subjects, (left,)):] if a < right and b <= right]
        return tuple(dict.fromkeys(clause or [i for _, _, i in self.subjects]))

    def _time(self, start: int) -> str | None:
        """The period nearest the figure, before it first."""
        if not self.periods:
            return None
        k = bisect_right(self.periods, (start,))
        before = [p for p in self.periods[:k] if p[1] <= start]
        return (before[-1] if before else self.periods[k if k < len(self.periods) else -1])[2]

    def _near(self, first: int, last: int) -> tuple[str, ...]:
        k, m = bisect_left(self.nouns, first), bisect_left(self.nouns, last)
        before = [self.tokens[i].normalized for i in self.nouns[max(0, k - NEAR_BEFORE):k]]
        after = [self.tokens[i].normalized for i in self.nouns[m:m + NEAR_AFTER]]
        return tuple(dict.fromkeys(before + after))


def content_words(sentence: Sentence) -> str:
    """A sentence's content words (normalized), space-joined."""
    return " ".join(t.normalized for t in sentence.tokens if t.pos[0] in _CONTENT and not t.is_numeral)


def _period_name(d) -> str:
    return f"FY{d.value}" if d.extra.get("calendar") == "fiscal" else d.value


def _is_noun(token: Token) -> bool:
    return token.pos[0] == "名詞" and not token.is_numeral
