"""Claims JSON → compare's items: every field of the items one claim gives
(items are made positionally, fast: this pins each value to its field)."""

from __future__ import annotations

import math

from claimcli.compare.intervals import Interval
from claimcli.compare.items import NONE, Actor, Source, items_of
from claimcli.extract.frames import Frame

CLAIM = {
    "schema": 1, "id": "c1",
    "source": {"path": "a/x.txt", "outlet": "架空日報", "published": "2026-05-02", "url": "https://x.example.jp/1"},
    "sentence": {"index": 0, "text": "ウズベキスタン政府は1日、今後3年間で約40億ドル(約6000億円)を投じると表明した。",
                 "words": "ウズベキスタン 政府 投じる 表明"},
    "topics": ["investment"],
    "money": [
        {"text": "約40億ドル", "amount": 4_000_000_000, "currency": "USD", "qualifier": "approx",
         "equivalent_of": None, "span": [20, 26],
         "frame": {"measure": "投資額", "scope": None, "subject": ["uzbekistan"], "time": "2026", "unit": "USD",
                   "near": ["政府", "投資"]}},
        {"text": "約6000億円", "amount": 600_000_000_000, "currency": "JPY", "qualifier": "approx",
         "equivalent_of": "約40億ドル", "span": [27, 34], "frame": None},
    ],
    "quantities": [],
    "dates": [
        {"text": "1日", "value": "2026-05-01", "kind": "point", "span": [10, 12], "frame": None},
        {"text": "今後3年間", "value": "P3Y", "kind": "duration", "span": [13, 18], "frame": None},
    ],
    "actors": [{"text": "ウズベキスタン政府", "id": "uzbekistan", "name": "ウズベキスタン", "type": "country"},
               {"text": "タシケント", "id": "tashkent", "name": "タシケント", "type": "place"}],
    "context": {"actors": ["uzbekistan", "japan"]},
}


def test_every_field_of_a_money_item():
    money = items_of(CLAIM)[0]
    assert money.record is CLAIM
    assert money.source == Source("a/x.txt", "架空日報", "2026-05-02", "https://x.example.jp/1")
    assert money.named == (Actor("uzbekistan", "ウズベキスタン", "country"), Actor("tashkent", "タシケント", "place"))
    assert (money.article, money.sentence) == ("a/x.txt", "c1")
    assert money.actors == {"uzbekistan"}  # places aside
    assert money.countries == {"uzbekistan"}
    assert money.context == {"uzbekistan", "japan"}
    assert money.words == "ウズベキスタン 政府 投じる 表明"
    assert money.topics == {"investment"}
    assert money.cut is False
    assert (money.field, money.text, money.qualifier, money.unit, money.value) == \
        ("money", "約40億ドル", "approx", "USD", 4_000_000_000)
    assert (money.block, money.number, money.date) == ("money:USD", 4e9, None)
    assert money.interval == Interval(3.6e9, 4.4e9)
    assert money.frame == Frame("投資額", None, ("uzbekistan",), "2026", "USD", ("政府", "投資"))
    assert (money.near, money.subject) == ({"政府", "投資"}, {"uzbekistan"})
    assert money.periods == {"P3Y"}  # the duration before it in the sentence
    assert money.years == NONE  # the sentence names a day (1日), not a year
    assert money.conversion == {"amount": 600_000_000_000, "currency": "JPY", "text": "約6000億円"}
    assert money.span == (20, 26)


def test_a_date_and_a_length_are_items_of_their_own():
    _, day, length = items_of(CLAIM)
    assert (day.field, day.block, day.number, day.interval, day.date) == \
        ("dates", "dates:point", None, None, "2026-05-01")
    assert (day.unit, day.qualifier, day.periods, day.years, day.conversion) == ("point", "exact", {"P3Y"}, NONE, None)
    assert day.span == (10, 12) and day.frame == Frame()
    assert (length.block, length.number, length.date, length.periods) == ("dates:duration:Y", 3.0, None, NONE)
    assert length.interval.low == 2.5 and math.isclose(length.interval.high, 3.5) and length.interval.high_open
    assert length.years == NONE  # a full date is an event's day, not a year a figure is for
