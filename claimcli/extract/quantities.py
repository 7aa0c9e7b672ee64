"""Quantities: counts with a counter word, percentages and points, measures,
anniversaries and ranks (ANNOTATION.md, "Quantities"). Counter and unit words
live in counters.tsv.

Steps: numbers (Sudachi) that are not part of a money figure or a date → a
counter or unit right after them, or `の` and a noun (`30の協定`) → exclusions
(a count inside a name, an event's ordinal, a rate's denominator) → qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from claimcli.data import table
from claimcli.extract.context import Context
from claimcli.extract.money import as_number
from claimcli.extract.numbers import Number, number_runs
from claimcli.extract.qualifiers import EXACT, OVER, qualify
from claimcli.extract.words import WordTable, match_after, match_before, word_table
from claimcli.text.sentence import Sentence

# A count inside a name (`20カ国・地域`, `5か国プラス1`, `C5+1`), an event's
# ordinal (`12回目`), the denominator of a rate (`1トンあたり`).
_NOT_A_COUNT_AFTER = re.compile(r"・地域|プラス|\+|目|あたり|当たり|毎")
# Part of a code or a name: `G20`, `787-9`, `C5+1`, `5プラス1`.
_CODE_BEFORE = re.compile(r"(?:[A-Za-z\-+]|プラス)$")
_ORDINAL_MARK = word_table([("第", "")])  # a table for match_before


@dataclass(frozen=True)
class Quantity:
    start: int  # span in the sentence's normalized text
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: str = EXACT

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "value": as_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@lru_cache(maxsize=1)
def _counters() -> WordTable:
    """(word, 'unit<TAB>factor'), longest word first, for match_after."""
    return word_table((row[0], f"{row[1]}\t{row[2]}") for row in table("counters.tsv"))


MAX_DESCRIBING = 5  # words between もの and the noun counted


def extract(sentence: Sentence, context: Context) -> list[Quantity]:
    """Quantities in the sentence outside the spans already taken (money, dates)."""
    taken = context.taken
    text = sentence.normalized
    found = []
    for num in sentence.derived(number_runs):
        if any(s < num.end and num.start < e for s, e in taken):
            continue
        if (q := _quantity(sentence, text, num)) is not None:
            found.append(q)
    return found


def _quantity(sentence: Sentence, text: str, num: Number) -> Quantity | None:
    if _CODE_BEFORE.search(text[: num.start]):
        return None
    ordinal = match_before(text, num.start, _ORDINAL_MARK)
    counter = match_after(text, num.end, _counters())
    if counter is None:
        return None if ordinal else _noun_count(sentence, text, num)
    word, unit_factor = counter
    unit, factor = unit_factor.split("\t")
    end = num.end + len(word)
    if _NOT_A_COUNT_AFTER.match(text, end) or (ordinal and unit != "位"):
        return None
    if num.value == 1 and text.startswith("の", num.start - 1):
        return None  # 目標の一つ: "one of the goals", not a count
    start = num.start - (1 if ordinal else 0)
    q = qualify(text, start, end)
    qualifier = q.qualifier or (OVER if num.vague else EXACT)
    return Quantity(
        q.start, q.end, sentence.original(q.start, q.end), num.value * Decimal(factor), unit, qualifier
    )


def _noun_count(sentence: Sentence, text: str, num: Number) -> Quantity | None:
    """`30の協定`, `数十の元素`: a bare number, の, and the noun counted; after
    `もの` (`何十万もの新しい雇用`) the noun may follow words that describe it."""
    if text.startswith("の", num.end):
        noun = sentence.token_at(num.end + 1)
        if noun is None or noun.pos[:2] != ("名詞", "普通名詞") or noun.is_numeral:
            return None
        q = qualify(text, num.start, noun.end)
    elif text.startswith("もの", num.end) and (noun := _described_noun(sentence, num.end + 2)) is not None:
        q = qualify(text, num.start, num.end)
    else:
        return None
    qualifier = q.qualifier or (OVER if num.vague else EXACT)
    return Quantity(q.start, q.end, sentence.original(q.start, q.end), num.value, noun.surface, qualifier)


def _described_noun(sentence: Sentence, pos: int):
    """The first common noun from pos, past adjectives, names and の (新しい, 米国の)."""
    for _ in range(MAX_DESCRIBING):
        token = sentence.token_at(pos)
        if token is None or token.is_numeral:
            return None
        if token.pos[:2] == ("名詞", "普通名詞"):
            return token
        if token.pos[0] not in ("形容詞", "形状詞", "連体詞", "助動詞") and token.pos[:2] != ("名詞", "固有名詞") \
                and token.surface != "の":
            return None
        pos = token.end
    return None
