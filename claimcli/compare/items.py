"""Claims → items: one item per figure a claim states (money, quantity, date),
with what tells facts apart — actors, the sentence's frame, the metric words
near the figure, the period and the years it speaks of."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from claimcli.compare.intervals import Interval, extend_by_days, number_interval
from claimcli.text.sentence import Sentence

FIELDS = ("money", "quantities", "dates")
METRIC_BEFORE = 4  # content nouns before a figure that may name what it measures (貿易額は前年比8%増の…)
METRIC_AFTER = 2
_CONTENT = ("名詞", "動詞", "形容詞")
_YEAR = re.compile(r"^(\d{4})(?:-\d{2})?(?:-\d{2})?$")


@dataclass(frozen=True)
class Item:
    claim: dict
    field: str
    mention: dict
    article: str  # the source: two articles are two sources, even from one outlet
    block: str  # what kind of figure: money:USD, quantities:トン, dates:point
    number: float | None
    interval: Interval | None
    date: str | None
    actors: frozenset[str]
    countries: frozenset[str]  # the countries among the actors
    context: frozenset[str]  # the actors the whole article names most
    frame: str  # the sentence's content words, figures masked, space-joined (for rapidfuzz)
    metric: frozenset[str]
    periods: frozenset[str]  # the duration the figure is for (今後3年間で350億ドル → P3Y)
    years: frozenset[int]  # years the claim names besides this figure
    topics: frozenset[str]
    conversion: dict | None  # the bracketed conversion of a money figure

    @property
    def text(self) -> str:
        return self.mention["text"]


def items_of(claim: dict) -> list[Item]:
    """The figures of a claim worth lining up: bracketed conversions go with the
    figure they convert, durations are the period of other figures."""
    sentence = claim["sentence"]["text"]
    frame, windows = _analysis(sentence, _figure_texts(claim))
    conversions = {m.get("equivalent_of"): m for m in claim.get("money", []) if m.get("equivalent_of")}
    named = claim.get("actors", [])
    common = {"actors": frozenset(a["id"] for a in named if a.get("type") != "place"),
              "countries": frozenset(a["id"] for a in named if a.get("type") == "country"),
              "context": frozenset((claim.get("context") or {}).get("actors", [])),
              "frame": frame, "topics": frozenset(claim.get("topics", []))}
    out = []
    for field in FIELDS:
        for mention in claim.get(field, []):
            if (field == "money" and mention.get("equivalent_of")) or mention.get("kind") == "duration":
                continue
            item = _item(claim, field, mention, common, windows.get(_key(mention["text"]), frozenset()))
            if item is not None:
                out.append(replace(item, conversion=conversions.get(mention["text"]),
                                   periods=_period_of(sentence, mention["text"], claim)))
    return out


def _period_of(sentence: str, figure: str, claim: dict) -> frozenset[str]:
    """The duration a figure is for: the nearest one before it in the sentence
    (`今後3年間で350億ドル、10年以内に1千億ドル`), else the nearest after it."""
    at = sentence.find(figure)
    durations = [(sentence.find(d["text"]), d["value"]) for d in claim.get("dates", [])
                 if d.get("kind") == "duration" and d["text"] in sentence]
    before = [(pos, v) for pos, v in durations if pos <= at]
    after = [(pos, v) for pos, v in durations if pos > at]
    if before:
        return frozenset({max(before)[1]})
    return frozenset({min(after)[1]}) if after else frozenset()


def _item(claim: dict, field: str, mention: dict, common: dict, metric: frozenset[str]) -> Item | None:
    years = frozenset(int(m.group(1)) for d in claim.get("dates", []) if d is not mention
                      and d.get("kind") == "point" and (m := _YEAR.match(str(d.get("value")))))
    source = claim.get("source") or {}
    base = {"claim": claim, "field": field, "mention": mention, "article": str(source.get("path")),
            "metric": metric, "years": years, "conversion": None, "periods": frozenset(), **common}
    if field == "dates":
        value = str(mention.get("value"))
        if value == "unresolved":
            return None
        if mention.get("kind") == "point":
            value = extend_by_days(value, _event_days(claim))
        return Item(block=f"dates:{mention.get('kind')}", number=None, interval=None, date=value, **base)
    number = mention.get("amount", mention.get("value"))
    if not isinstance(number, int | float):
        return None
    unit = mention.get("currency") if field == "money" else mention.get("unit")
    interval = number_interval(float(number), mention.get("qualifier", "exact"), mention["text"])
    return Item(block=f"{field}:{unit}", number=float(number), interval=interval, date=None, **base)


def _event_days(claim: dict) -> int:
    """`19日、2日間の日程で始まる`: an event the sentence says lasts some days."""
    days = [int(m.group(1)) for d in claim.get("dates", [])
            if d.get("kind") == "duration" and (m := re.fullmatch(r"P(\d+)D", str(d.get("value"))))]
    return days[0] if len(days) == 1 else 1


def _figure_texts(claim: dict) -> tuple[str, ...]:
    return tuple(m["text"] for field in FIELDS for m in claim.get(field, []))


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65_536)
def _analysis(sentence: str, figures: tuple[str, ...]) -> tuple[str, dict[str, frozenset[str]]]:
    """The sentence's frame, and for each figure the content words near it."""
    s = Sentence(0, sentence, 0)
    spans = {}
    for text in figures:
        at = s.normalized.find(_key(text))
        if at >= 0:
            spans[_key(text)] = (at, at + len(_key(text)))
    masked = [any(a < t.end and t.start < b for a, b in spans.values()) for t in s.tokens]
    content = [i for i, t in enumerate(s.tokens) if t.pos[0] in _CONTENT and not t.is_numeral and not masked[i]]
    frame = " ".join(s.tokens[i].normalized for i in content)
    windows = {}
    for text, (a, b) in spans.items():
        first = next((i for i, t in enumerate(s.tokens) if t.end > a), len(s.tokens))
        last = next((i for i, t in enumerate(s.tokens) if t.start >= b), len(s.tokens))
        nouns = [i for i in content if s.tokens[i].pos[0] == "名詞"]
        near = [i for i in nouns if i < first][-METRIC_BEFORE:] + [i for i in nouns if i >= last][:METRIC_AFTER]
        windows[text] = frozenset(s.tokens[i].normalized for i in near)
    return frame, windows
