"""How likely two items state the same fact: guards that rule a pair out
(another period or year, a figure too far off), then a score over actors, the
sentence's frame (rapidfuzz over Sudachi normalized forms), the metric words
near the figure and topics."""

from __future__ import annotations

from rapidfuzz import fuzz

from claimcli.compare.intervals import date_distance, dates_agree
from claimcli.compare.items import Item

MAX_RELATIVE_GAP = 0.25  # two figures further apart than this are two facts, not a disagreement
MAX_DAYS_APART = 3
WEIGHTS = {"actors": 0.25, "context": 0.15, "frame": 0.25, "metric": 0.2, "topics": 0.05}
SAME_PERIOD = 0.15  # both figures are for the same stated period (P3Y)
CONVERTED_ALIKE = 0.1  # both outlets converted the figure into the same currency: 80億ドル(約1兆2000億円)
SPECIFIC_VALUE = 0.1  # per significant digit two equal figures share, up to three: 935,400 says more than 300
MIN_SCORE = {"money": 0.3, "quantities": 0.35, "dates": 0.4}
# Figures that do not fit must look more alike to be called one fact; dates a
# day apart are often a two-day event or another time zone, so they need more.
DISAGREEMENT_MARGIN = {"money": 0.05, "quantities": 0.05, "dates": 0.15}
DIFFERENT_AMOUNT = 0.05


def comparable(a: Item, b: Item) -> bool:
    """Whether two items (of different articles) can be one fact at all."""
    if a.block != b.block:
        return False
    if a.countries and b.countries and not a.countries & b.countries:
        return False  # Turkmenistan's gas field against Kyrgyzstan's dam
    if a.periods and b.periods and not a.periods & b.periods:
        return False  # 5年間 against 10年間: two pledges
    if a.years and b.years and not a.years & b.years:
        return False  # a 2022 total against a 2025 one
    if a.number is not None and b.number is not None:
        close = abs(a.number - b.number) <= MAX_RELATIVE_GAP * max(abs(a.number), abs(b.number))
        return close or a.interval.overlaps(b.interval)
    return date_distance(a.date or "", b.date or "") <= MAX_DAYS_APART


def score(a: Item, b: Item) -> float:
    parts = {
        # A sentence that names no one is about its article's main actors.
        "actors": _jaccard(a.actors or a.context, b.actors or b.context),
        "context": _jaccard(a.context, b.context),
        "frame": fuzz.token_set_ratio(a.frame, b.frame) / 100,
        "metric": _jaccard(a.metric, b.metric),
        "topics": _jaccard(a.topics, b.topics),
    }
    bonus = SAME_PERIOD if a.periods and a.periods == b.periods else 0.0
    if a.conversion and b.conversion and a.conversion.get("currency") == b.conversion.get("currency"):
        bonus += CONVERTED_ALIKE
    if a.number is not None and a.number == b.number:
        bonus += SPECIFIC_VALUE * min(significant_digits(a.number), 3)
    return sum(WEIGHTS[k] * v for k, v in parts.items()) + bonus


def same_fact(a: Item, b: Item) -> float | None:
    """The pair's score when it passes the guards and the bar of its field; else None."""
    if not comparable(a, b):
        return None
    if a.field == "dates" and not (a.actors | a.context) & (b.actors | b.context):
        return None  # a date alone says little: the same actors must be there
    s = score(a, b)
    bar = MIN_SCORE[a.field] + (0 if fits(a, b) else DISAGREEMENT_MARGIN[a.field])
    if a.number is not None and a.number != b.number:
        bar += DIFFERENT_AMOUNT  # two amounts, not one told two ways: the sentences must say more alike
    return s if s >= bar else None


def close(a: Item, b: Item) -> bool:
    """Figures that fit and are near each other: one fact told twice, surely."""
    if a.number is not None and b.number is not None:
        return fits(a, b) and abs(a.number - b.number) <= MAX_RELATIVE_GAP * max(abs(a.number), abs(b.number))
    return fits(a, b)


def fits(a: Item, b: Item) -> bool:
    """Whether two figures can both be true."""
    if a.interval is not None and b.interval is not None:
        return a.interval.overlaps(b.interval)
    return dates_agree(a.date or "", b.date or "")


def significant_digits(value: float) -> int:
    digits = f"{abs(value):.15g}".replace(".", "").lstrip("0").rstrip("0")
    return max(len(digits), 1)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
