"""Claims JSON → items: one item per figure a claim states (money, quantity,
date), read once into a typed object with what tells facts apart — the frame
extract gave it (measure, subject, time, unit), the sentence's content words,
the actors, the period and the years it speaks of. No tokenizer runs here:
everything comes from the claim as extract wrote it.

A duration is an item of its own (`今後3年間`: 3 of years) and the period of
the other figures of its sentence. Not items: a conversion (it travels with the
figure it converts), an exchange-rate note (`(1ドル=約150円)`), a count that
is part of a name (`中央アジア5か国`), and a date that is the time of a figure of
its sentence (`2024年の貿易総額は32億ドル`: the fact is the 32億ドル's)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import NamedTuple

from claimcli.compare.intervals import Interval, extend_by_days, number_interval
from claimcli.compare.spool import SpooledLine
from claimcli.extract.frames import SUBJECT_TYPES, Frame

FIELDS = ("money", "quantities", "dates")
NONE: frozenset = frozenset()  # one empty set for every item (each frozenset() is a new object of 216 bytes)
NAME_TYPES = ("group", "org", "country")  # actors whose names may hold a count (中央アジア5か国)
# The year of a year, a month or a range of them: what a figure may be for. A
# full date is an event's day (an announcement), not the period of a figure.
_PAIRS = (("「", "」"), ("(", ")"), ("（", "）"), ("『", "』"))
_DURATION = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])")
_YEAR = re.compile(r"^(\d{4})(?:-\d{2}|-H[12])?(?:/|$)")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a claim comes from, read once from its JSON."""

    path: str
    outlet: str  # never empty: outlets.tsv, the page, the domain, meta.toml or the file name
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str


@dataclass(eq=False, slots=True)  # not frozen: a frozen __init__ of 30 fields costs several times more
class Item:
    """One figure of one claim, typed: what compare and its output read.
    `record` is the claim as read — its JSON line in a spool, or the claim
    itself — kept only to be written out again whole. The fields its claim
    gives all its figures come first (`_ClaimFields`, made once per claim)."""

    record: SpooledLine | dict
    source: Source
    named: tuple[Actor, ...]  # the actors of the sentence
    article: str  # the source: two articles are two sources, even from one outlet
    sentence: str  # the claim's id: two figures of one sentence are two facts
    actors: frozenset[str]  # the sentence's actors, places aside
    countries: frozenset[str]  # the sentence's countries and groupings (a frame's subject is some of them)
    context: frozenset[str]  # the actors the whole article names most
    words: str  # the sentence's content words, figures left out, space-joined (for rapidfuzz)
    topics: frozenset[str]
    cut: bool  # the sentence breaks off inside a quotation or bracket (`「…自動車関税を16%`)
    field: str
    text: str  # the figure as written
    qualifier: str  # exact, approx, over, under, up_to
    unit: str | None  # the currency, the counter, the kind of date
    value: float | str | None  # the amount or value as written in the JSON, or the date's ISO value
    block: str  # what kind of figure: money:USD, quantities:トン, dates:point
    number: float | None
    date: str | None
    frame: Frame
    periods: frozenset[str]  # the duration the figure is for (今後3年間で350億ドル → P3Y)
    years: frozenset[int]  # years the claim names besides this figure
    conversion: dict | None  # the conversion of a money figure (`(約15兆円)`, `=84兆円`)
    mention_index: int  # where the figure stands in its claim's list of its field (`span` is read there)

    @property
    def claim(self) -> dict:
        """The claim as read (parsed again from its line: only printed claims pay for it)."""
        line = self.line
        return self.record if line is None else json.loads(line)

    @property
    def line(self) -> str | None:
        """The claim's JSON line as read, None for a claim given as an object."""
        return None if isinstance(self.record, dict) else self.record.text()

    @property
    def sentence_text(self) -> str:
        return self.claim["sentence"]["text"]

    @property
    def outlet(self) -> str:
        return self.source.outlet

    # Made when asked, not kept: a million items would hold ~0.3 KB each of
    # sets and bounds that the columns read once and the one-by-one test rarely.
    @property
    def interval(self) -> Interval | None:
        """The values the figure allows (None for a date)."""
        return None if self.number is None else number_interval(self.number, self.qualifier, self.text)

    @property
    def span(self) -> tuple[int, int] | None:
        """The figure's span in its sentence (read from its claim: only shown claims ask)."""
        claim = self.claim
        return _span(claim[self.field][self.mention_index], claim["sentence"]["text"])

    @property
    def near(self) -> frozenset[str]:
        """The frame's near words, as a set."""
        return frozenset(self.frame.near)

    @property
    def subject(self) -> frozenset[str]:
        """The frame's subject, as a set."""
        return frozenset(self.frame.subject)

    @property
    def names(self) -> frozenset[str]:
        """The names of the sentence's actors (a word near a figure that is a name is no shared word)."""
        return _names(self.named)

    def signature(self, interval: Interval | None = None) -> tuple:
        """Everything the same-fact test reads: items alike in it are judged alike.
        `interval`: the item's, where the caller has made it already."""
        conversion = ("converted", self.conversion.get("currency")) if self.conversion else None
        return (self.block, self.number, self.qualifier, self.interval if interval is None else interval, self.date,
                self.frame, self.actors, self.countries, self.context, self.words, self.cut, self.periods,
                self.years, self.topics, conversion, self.field, self.names)


def _source(claim: dict) -> Source:
    source = claim.get("source") or {}
    path = str(source.get("path"))
    return _made(Source, path, source.get("outlet") or path.rsplit("/", 1)[-1], source.get("published"),
                 source.get("url"))


def _made(kind: type, *fields):
    """One object for equal values (the source of an article's claims, an
    actor, a frame): a million items hold copies of few of them, and a value
    seen before is found by its fields, without making it again."""
    try:
        return _made_once(kind, fields)
    except TypeError:  # a field that cannot be hashed (a claim from elsewhere): made, not shared
        return kind(*fields)


@cache
def _made_once(kind: type, fields: tuple):
    return kind(*fields)


@cache
def _shared(value):
    """One object for equal values (a set of ids)."""
    return value


def _ids(ids) -> frozenset:
    return _shared(frozenset(ids))


def forget_shared() -> None:
    """Let go of what reading found to share (its keys and values): the items
    hold what they need, and another run in this process starts afresh."""
    for found in (_made_once, _shared, _frame_once, _actors_once):
        found.cache_clear()


@lru_cache(maxsize=1 << 16)  # read after reading (by signature): not one of forget_shared's caches
def _names(named: tuple[Actor, ...]) -> frozenset[str]:
    return frozenset(a.name for a in named)


def _word(value):
    """One object for a word items repeat (a block, a unit, a qualifier, a
    figure as written, a frame's words, an actor's name, a sentence's content
    words told again by another outlet): JSON gives each claim its own strings."""
    return sys.intern(value) if isinstance(value, str) else value


def _frame(data: object) -> Frame:
    """The frame of a mention, one object for equal frames (found by its slots, not read again)."""
    if not isinstance(data, dict):
        return Frame.from_json(data)
    subject, near = data.get("subject"), data.get("near")
    try:
        return _frame_once((data.get("measure"), data.get("scope"), tuple(subject) if isinstance(subject, list)
                            else subject, data.get("time"), data.get("unit"),
                            tuple(near) if isinstance(near, list) else near))
    except TypeError:  # a slot that cannot be hashed: read, not shared
        return Frame.from_json(data)


@cache
def _frame_once(slots: tuple) -> Frame:
    """A frame, its words one object each (`_word`): a measure or a near word
    is told by many claims, and each claim's JSON gave it a string of its own."""
    return Frame.from_slots(*(tuple(map(_word, v)) if isinstance(v, tuple) else _word(v) for v in slots))


def _actors(claim: dict) -> tuple[tuple[Actor, ...], frozenset[str], frozenset[str]]:
    """The actors a claim names: as objects, their ids (places aside), and the
    ids of its countries and groupings; one object for equal lists of actors."""
    fields = tuple((a["id"], a.get("name") or a["id"], a.get("type") or "") for a in claim.get("actors", []))
    try:
        return _actors_once(fields)
    except TypeError:  # a field that cannot be hashed: made, not shared
        return _actors_once.__wrapped__(fields)


@cache
def _actors_once(fields: tuple[tuple[str, str, str], ...]) -> tuple[tuple[Actor, ...], frozenset[str], frozenset[str]]:
    return (tuple(_made(Actor, *map(_word, f)) for f in fields), _ids(i for i, _, kind in fields if kind != "place"),
            _ids(i for i, _, kind in fields if kind in SUBJECT_TYPES))


class _ClaimFields(NamedTuple):
    """The fields of an Item its claim gives all its figures, in Item's order (made once per claim)."""

    record: SpooledLine | dict
    source: Source
    named: tuple[Actor, ...]
    article: str
    sentence: str
    actors: frozenset[str]
    countries: frozenset[str]
    context: frozenset[str]
    words: str
    topics: frozenset[str]
    cut: bool


assert _ClaimFields._fields == tuple(f.name for f in fields(Item))[:len(_ClaimFields._fields)]


def items_of(claim: dict, line: SpooledLine | None = None) -> list[Item]:
    """The figures of a claim worth lining up (`line`: the claim's JSON line, kept in place of the claim)."""
    sentence = claim["sentence"]
    conversions = {m.get("equivalent_of"): m for m in claim.get("money", []) if m.get("equivalent_of")}
    source = _source(claim)
    named, actors, countries = _actors(claim)
    dates = claim.get("dates", [])
    common = _ClaimFields(record=claim if line is None or "figure" in claim else line, source=source, named=named,
                          article=source.path, sentence=str(claim.get("id")), actors=actors, countries=countries,
                          context=_ids((claim.get("context") or {}).get("actors", [])),
                          words=_word(words) if isinstance(words := sentence.get("words"), str)
                          else _characters(sentence["text"]),
                          topics=_ids(claim.get("topics", [])), cut=_cut(sentence["text"]))
    frames = {id(m): _frame(m.get("frame")) for f in FIELDS for m in claim.get(f, [])}
    times = {frames[id(m)].time for f in ("money", "quantities") for m in claim.get(f, [])} - {None}
    told = _Dates(dates)
    out = []
    for field_name in FIELDS:
        for at, mention in enumerate(claim.get(field_name, [])):
            if _not_a_fact(field_name, mention, conversions, claim) or \
                    (field_name == "dates" and mention.get("value") in times):  # 2024年の貿易額: the figure's time
                continue
            item = _item(field_name, mention, at, frames[id(mention)], common, told,
                         _conversion(conversions.get(mention["text"])))
            if item is not None:
                out.append(item)
    return out


def _conversion(mention: dict | None) -> dict | None:
    """What compare reads of a conversion: its amount, currency and text."""
    return {k: mention.get(k) for k in ("amount", "currency", "text")} if mention else None


def _not_a_fact(field_name: str, mention: dict, conversions: dict, claim: dict) -> bool:
    if field_name == "money":
        # A conversion goes with its figure; `1ドル` of a rate note converts to its yen.
        return bool(mention.get("equivalent_of")) or (mention.get("amount") == 1 and mention["text"] in conversions)
    if field_name == "dates":
        return False
    return _in_a_name(mention, claim)


def _in_a_name(mention: dict, claim: dict) -> bool:
    """`中央アジア5か国`: a count that is part of how a group is named."""
    sentence = claim["sentence"]["text"]
    start, end = _span(mention, sentence) or (-1, -1)
    for actor in claim.get("actors", []):
        if actor.get("type") not in NAME_TYPES or mention["text"] not in actor.get("text", ""):
            continue
        at = sentence.find(actor["text"])
        while at >= 0:
            if at <= start and end <= at + len(actor["text"]):
                return True
            at = sentence.find(actor["text"], at + 1)
    return False


class _Dates:
    """What a claim's dates tell its figures, read once per claim: the years it
    names, its durations (where each stands) and how many days an event lasts."""

    def __init__(self, dates: list[dict]) -> None:
        self.years = [(d, int(m.group(1))) for d in dates if d.get("kind") in ("point", "range")
                      and (m := _YEAR.match(str(d.get("value"))))]
        self.durations = [((d.get("span") or [0])[0], d["value"]) for d in dates if d.get("kind") == "duration"]
        self.event_days = _event_days(dates)

    def years_besides(self, mention: dict) -> frozenset[int]:
        return _ids(year for d, year in self.years if d is not mention)


Figure = tuple[str, float | None, str | None]  # an item's block, number and date


def _item(field_name: str, mention: dict, at: int, frame: Frame, common: _ClaimFields, told: _Dates,
          conversion: dict | None) -> Item | None:
    qualifier = _word(mention.get("qualifier") or "exact")
    unit = _word(mention.get("currency") if field_name == "money" else mention.get("unit", mention.get("kind")))
    duration = field_name == "dates" and mention.get("kind") == "duration"
    figure = _duration(mention) if duration else _date(mention, told) if field_name == "dates" else \
        _number(field_name, mention, unit)
    if figure is None:
        return None
    periods = NONE if duration else _period_of(mention, told.durations)
    return Item(*common, field_name, _word(mention["text"]), qualifier, unit,
                mention.get("amount", mention.get("value")), *figure, frame, periods,
                told.years_besides(mention), conversion, at)


def _date(mention: dict, told: _Dates) -> Figure | None:
    value = str(mention.get("value"))
    if value == "unresolved":
        return None
    if mention.get("kind") == "point":
        value = extend_by_days(value, told.event_days)
    return _word(f"dates:{mention.get('kind')}"), None, value


def _number(field_name: str, mention: dict, unit: str | None) -> Figure | None:
    value = mention.get("amount", mention.get("value"))
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    number = float(value)
    return _word(f"{field_name}:{unit}"), number, None


def _duration(mention: dict) -> Figure | None:
    """`今後3年間`, `7日以内`: a length, compared as a number of its unit (P3Y: 3 years)."""
    m = _DURATION.fullmatch(str(mention.get("value")))
    if m is None:
        return None
    number = float(m.group(2))
    return _word(f"dates:duration:{m.group(1)}{m.group(3)}"), number, None


def _span(mention: dict, sentence: str) -> tuple[int, int] | None:
    """The mention's span in its sentence, as extract gave it (claims written by
    an older claims have none: then where its text stands)."""
    span = mention.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span) \
            and 0 <= span[0] <= span[1] <= len(sentence):
        return span[0], span[1]
    at = sentence.find(mention.get("text", ""))
    return (at, at + len(mention["text"])) if at >= 0 else None


def _period_of(mention: dict, durations: list[tuple[int, str]]) -> frozenset[str]:
    """The duration a figure is for: the nearest one before it in the sentence
    (`今後3年間で350億ドル、10年以内に1千億ドル`), else the nearest after it."""
    if not durations:
        return NONE
    at = (mention.get("span") or [0])[0]
    before = [(pos, v) for pos, v in durations if pos <= at]
    after = [(pos, v) for pos, v in durations if pos > at]
    if before:
        return _ids((max(before)[1],))
    return _ids((min(after)[1],)) if after else NONE


def _event_days(dates: list[dict]) -> int:
    """`19日、2日間の日程で始まる`: an event the sentence says lasts some days."""
    days = [int(m.group(1)) for d in dates
            if d.get("kind") == "duration" and (m := re.fullmatch(r"P(\d+)D", str(d.get("value"))))]
    return days[0] if len(days) == 1 else 1


def _cut(text: str) -> bool:
    """A sentence that opens a quotation or bracket it never closes was cut off
    (a forum's excerpt, a page's teaser): what its last figure states is not known."""
    return any(a in text and text.count(a) > text.count(b) for a, b in _PAIRS)


def _characters(text: str) -> str:
    """Claims from an older claims carry no content words: the sentence's
    characters stand in for them."""
    return " ".join(unicodedata.normalize("NFKC", text))
