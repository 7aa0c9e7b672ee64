"""Whether two items state the same fact: guards that rule a pair out (another
measure, subject, time, period or year, a figure too far off), then a score
over actors, the sentences' content words (rapidfuzz over Sudachi normalized
forms, from extract), the words near the figure and topics.

A frame slot one side leaves empty does not rule a pair out."""

from __future__ import annotations

import math

from rapidfuzz import fuzz

from claimcli.compare.intervals import date_distance, date_parts, dates_agree, significant_digits
from claimcli.compare.items import Item

MAX_RELATIVE_GAP = 0.25  # two figures further apart than this are two facts, not a disagreement
MAX_DAYS_APART = 3
SAME_EVENT_DAYS = 7  # two dates both told as the day of one event (任期が終わる) may be a week apart
WEIGHTS = {"actors": 0.25, "context": 0.15, "words": 0.25, "near": 0.2, "topics": 0.05}
SAME_PERIOD = 0.15  # both figures are for the same stated period (P3Y)
CONVERTED_ALIKE = 0.1  # both outlets converted the figure into the same currency: 80億ドル(約1兆2000億円)
SPECIFIC_VALUE = 0.1  # per significant digit two equal figures share, up to three: 935,400 says more than 300
SCALE_POWERS = (4, 8, 12)  # 万, 億, 兆
SAME_MEASURE = 0.1  # both figures measure the same thing (貿易額)
SAME_SUBJECT = 0.1  # ... of the same country or grouping
UNNAMED_MEASURE = 0.15  # a disagreement where one side names no measure must look this much more alike
RANK = "位"
BOUNDS = ("over", "under", "up_to")
GENERIC_NEAR = frozenset({"世界", "第", "位", "国", "中"})
MIN_SCORE = {"money": 0.3, "quantities": 0.35, "dates": 0.4}
# Figures that do not fit must look more alike to be called one fact; dates a
# day apart are often a two-day event or another time zone, so they need more.
DISAGREEMENT_MARGIN = {"money": 0.05, "quantities": 0.05, "dates": 0.15}
DIFFERENT_AMOUNT = 0.05


def comparable(a: Item, b: Item) -> bool:
    """Whether two items (of different articles) can be one fact at all."""
    if a.block != b.block:
        return False
    fa, fb = a.frame, b.frame
    if _differ(fa.measure, fb.measure) or (fa.measure == fb.measure and _differ(fa.scope, fb.scope)):
        return False  # exports against the trade total; the auto tariff against another
    if a.number is not None and not _same_subject(a, b):
        return False  # Turkmenistan's gas field against Kyrgyzstan's dam (a date's actors are checked below)
    if _differ(fa.time, fb.time):
        return False  # 2025年1〜5月 against 2025年
    if a.periods and b.periods and not a.periods & b.periods:
        return False  # 5年間 against 10年間: two pledges
    if a.years and b.years and not a.years & b.years:
        return False  # a 2022 total against a 2025 one
    if a.number is not None and b.number is not None:
        close = abs(a.number - b.number) <= MAX_RELATIVE_GAP * max(abs(a.number), abs(b.number))
        return close or a.interval.overlaps(b.interval) or slipped_scale(a, b)
    same_event = bool(fa.measure and fa.measure == fb.measure)
    return date_distance(a.date or "", b.date or "") <= (SAME_EVENT_DAYS if same_event else MAX_DAYS_APART)


def slipped_scale(a: Item, b: Item) -> bool:
    """`360ドル` against `360億ドル`: the same digits a scale word apart (万, 億, 兆),
    a typo that drops one. A disagreement worth showing, when all else is alike."""
    low, high = sorted((abs(a.number), abs(b.number)))
    if low == 0:
        return False
    ratio = high / low
    return any(math.isclose(ratio, 10.0**k, rel_tol=1e-9) for k in SCALE_POWERS)


def same_frame(a: Item, b: Item) -> bool:
    """Two figures that do not fit are a disagreement only when their frames say
    the same fact outright: beyond what `comparable` asks, one side's subject all named by
    the other (in its sentence, or as its article's main actors), the same
    period (`今後3年間で350億ドル` is not a total to date). A measure only one side
    names costs UNNAMED_MEASURE in the score."""
    if not (a.subject <= b.countries | b.context or b.subject <= a.countries | a.context):
        return False
    return a.periods == b.periods


def same_event(a: Item, b: Item) -> bool:
    """Two dates that do not fit are a disagreement only when both name the same
    people and bodies (or none): 会談 with one leader on the 6th and with another
    on the 10th are two meetings."""
    return (a.actors - a.countries) == (b.actors - b.countries)


def _same_subject(a: Item, b: Item) -> bool:
    """Whether the figure's subject may be the other's: one side's subject is
    named in the other's sentence or is among its article's main actors (a
    clause may name one country of the two the story is about)."""
    if not (a.subject and b.subject):
        return True
    return bool(a.subject & (b.countries | b.context) or b.subject & (a.countries | a.context))


def _differ(x: str | None, y: str | None) -> bool:
    return bool(x and y and x != y)


def _says_enough(a: Item, b: Item) -> bool:
    """A figure that says little on its own (a date, a rank) needs the same actors
    in both sentences, and a bare year, month or length the same words near it too."""
    if a.field == "dates":
        if not (a.actors | a.context) & (b.actors | b.context):
            return False
        if a.date is None:  # a length: of what, the words near it say
            return _shares_words(a, b)
        coarse = date_parts(a.date.split("/")[0])
        if coarse is not None and coarse[2] is None:  # a year, a month
            return bool(a.actors & b.actors) and _shares_words(a, b)
        return True
    if a.block.endswith(":" + RANK):  # 世界第2位 of what
        return _shares_words(a, b)
    return True


def _shares_words(a: Item, b: Item) -> bool:
    """A word near both figures that is neither generic nor an actor's name."""
    return bool((a.near & b.near) - GENERIC_NEAR - a.names - b.names)


Parts = tuple[float, float, float, float]  # the weighted parts of a score but the content words


def _parts(a: Item, b: Item) -> Parts:
    # A sentence that names no one is about its article's main actors.
    return (_jaccard(a.actors or a.context, b.actors or b.context), _jaccard(a.context, b.context),
            _jaccard(a.near, b.near), _jaccard(a.topics, b.topics))


def _total(parts: Parts, words: float, bonus: float) -> float:
    """The weighted sum in WEIGHTS' order (actors, context, words, near, topics), then the bonuses."""
    actors, context, near, topics = parts
    return WEIGHTS["actors"] * actors + WEIGHTS["context"] * context + WEIGHTS["words"] * words + \
        WEIGHTS["near"] * near + WEIGHTS["topics"] * topics + bonus


def _words_alike(a: Item, b: Item) -> float:
    return fuzz.token_set_ratio(a.words, b.words) / 100


def _bonus(a: Item, b: Item) -> float:
    bonus = SAME_PERIOD if a.periods and a.periods == b.periods else 0.0
    if a.frame.measure and a.frame.measure == b.frame.measure:
        bonus += SAME_MEASURE
    if a.subject & b.subject:
        bonus += SAME_SUBJECT
    if a.conversion and b.conversion and a.conversion.get("currency") == b.conversion.get("currency"):
        bonus += CONVERTED_ALIKE
    if a.number is not None and (a.number == b.number or slipped_scale(a, b)) and _bound(a) == _bound(b):
        # One figure told twice (`21億ドル`, `約21億ドル`), or mistyped a scale word off
        # (`360ドル`); `15%未満` is not `15%` told again.
        bonus += SPECIFIC_VALUE * min(len(significant_digits(a.number)), 3)
    return bonus


def _bound(item: Item) -> str | None:
    """The bound a figure states (over, under, up_to), if it states one."""
    return item.qualifier if item.qualifier in BOUNDS else None


def same_fact(a: Item, b: Item) -> float | None:
    """The pair's score when it passes the guards and the bar of its field; else None."""
    if not comparable(a, b) or not _says_enough(a, b):
        return None
    agree = fits(a, b)
    if not agree and (a.cut or b.cut or not (same_frame(a, b) if a.number is not None else same_event(a, b))):
        return None  # a disagreement needs two whole sentences that say the same fact
    bar = MIN_SCORE[a.field] + (0 if agree else DISAGREEMENT_MARGIN[a.field])
    if not agree and not (a.frame.measure and b.frame.measure):
        bar += UNNAMED_MEASURE
    if a.number is not None and a.number != b.number:
        bar += DIFFERENT_AMOUNT  # two amounts, not one told two ways: the sentences must say more alike
    parts, bonus = _parts(a, b), _bonus(a, b)
    if _total(parts, 1.0, bonus) < bar:  # short of the bar with sentences alike in every word
        return None
    s = _total(parts, _words_alike(a, b), bonus)
    return s if s >= bar else None


def fits(a: Item, b: Item) -> bool:
    """Whether two figures can both be true."""
    if a.interval is not None and b.interval is not None:
        return a.interval.overlaps(b.interval)
    return dates_agree(a.date or "", b.date or "")


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
