"""Pairs → groups → verdicts.

A group is one fact: every two of its members from different articles pass the
same-fact test on their own (complete linkage). Groups grow from the best
scored pairs down; two groups merge only when every pair across them passes,
so A–B and B–C never put A with C unless A–C passes too. Two figures of one
article share a group only when they repeat one figure in two sentences (a
title and its body): an article never disagrees with itself, and two figures
of one sentence are two facts. A figure is in at most one group.

A group lists its distinct values, each with the outlets that state it, and
disagrees when two distinct values cannot both be true; each such pair is one
difference. Conversions that differ are one `conversion` difference, with the
exchange rates they imply.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimcli import SCHEMA
from claimcli.compare.blocking import filings, group_pairs, grouped
from claimcli.compare.items import Item, items_of
from claimcli.compare.similarity import comparable, fits, same_fact

AGREE, DISAGREE = "agree", "disagree"
DASK_PARTITION = 5000  # items per partition on a cluster


@dataclass(frozen=True)
class Value:
    """One distinct value of a group: its items, and the outlets that state it."""

    items: tuple[Item, ...]

    @property
    def first(self) -> Item:
        return self.items[0]

    @property
    def text(self) -> str:
        texts = Counter(unicodedata.normalize("NFKC", i.text) for i in self.items)
        return min(texts, key=lambda t: (-texts[t], t))

    @property
    def outlets(self) -> list[str]:
        return sorted({i.outlet for i in self.items})

    def to_json(self) -> dict:
        m = self.first.mention
        value = self.first.date if self.first.field == "dates" else m.get("amount", m.get("value"))
        return {"text": self.text, "value": value, "qualifier": m.get("qualifier"), "outlets": self.outlets,
                "claims": len(self.items)}


@dataclass
class Group:
    items: list[Item]
    status: str = AGREE
    differences: list[dict] = field(default_factory=list)
    topic: str | None = None
    key: str = ""
    values: list[Value] = field(default_factory=list)
    fact: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "topic": self.topic, "status": self.status, "key": self.key, "fact": self.fact,
                "values": [v.to_json() for v in self.values],
                "claims": [{**i.claim, "figure": {"field": i.field, "text": i.text}} for i in self.items],
                "differences": self.differences}


def compare(claims: Iterable[dict], topic: str | None = None, scheduler: str | None = None) -> list[Group]:
    """Line up the claims (of a topic) that different articles make about the same fact.
    With a Dask scheduler, the blocking group-by and the scoring run on the cluster."""
    items = [i for c in claims if topic is None or topic in c.get("topics", []) for i in items_of(c)]
    scored = _scored_on_dask(items, scheduler) if scheduler else _scored(items, grouped(items).values())
    across = {pair: s for pair, s in scored.items() if items[pair[0]].article != items[pair[1]].article}
    clusters = _complete_linkage(items, across)
    groups = [_judge(Group([items[i] for i in sorted(members)]), topic) for members in clusters]
    groups = [g for g in groups if len({i.article for i in g.items}) >= 2]
    return sorted(groups, key=lambda g: (g.status != DISAGREE, g.key))


def _scored(items, groups: Iterable[list]) -> dict[tuple[int, int], float]:
    """Scores of the candidate pairs of these groups that pass the guards
    (`items`: a list, or a dict by index)."""
    scored: dict[tuple[int, int], float] = {}
    for filed in groups:
        for i, j in group_pairs(items, filed):
            if (i, j) not in scored and (s := same_fact(items[i], items[j])) is not None:
                scored[(i, j)] = s
    return scored


def _scored_on_dask(items: list[Item], address: str) -> dict[tuple[int, int], float]:
    """The same pairs, grouped by blocking key and scored on a Dask cluster:
    only the scored pairs come back."""
    import dask.bag as db
    from dask.distributed import Client

    with Client(address):
        bag = db.from_sequence(list(enumerate(items)), npartitions=max(1, len(items) // DASK_PARTITION))
        keyed = bag.map(_keyed).flatten()
        scored = keyed.groupby(lambda entry: entry[0]).map(_score_group).flatten().compute()
    return dict(sorted(scored))


def _keyed(indexed: tuple[int, Item]) -> list[tuple]:
    i, item = indexed
    return [(key, i, own, item) for key, (_, own) in filings(i, item)]


def _score_group(group: tuple) -> list[tuple[tuple[int, int], float]]:
    _, entries = group
    items = {i: item for _, i, _, item in entries}
    return list(_scored(items, [[(i, own) for _, i, own, _ in entries]]).items())


class _Judge:
    """The same-fact test for any two items, remembered by what it reads: a
    pair that blocking did not propose is tested when clustering needs it."""

    def __init__(self, items: list[Item], scored: dict[tuple[int, int], float]) -> None:
        self.items = items
        self.scored = scored
        self.known: dict[tuple[tuple, tuple], bool] = {}

    def linkable(self, i: int, j: int) -> bool:
        a, b = self.items[i], self.items[j]
        if a.article == b.article:
            return a.sentence != b.sentence and _repeats(a, b) and comparable(a, b)
        if (min(i, j), max(i, j)) in self.scored:
            return True
        key = (a.signature, b.signature) if i < j else (b.signature, a.signature)
        if key not in self.known:
            self.known[key] = same_fact(a, b) is not None
        return self.known[key]


def _repeats(a: Item, b: Item) -> bool:
    """One figure told twice by one article (a title and its body)."""
    if a.number is not None:
        return a.number == b.number and a.mention.get("qualifier") == b.mention.get("qualifier")
    return a.date == b.date


def _complete_linkage(items: list[Item], scored: dict[tuple[int, int], float]) -> list[list[int]]:
    """Agglomerative clustering, best pairs first: two clusters merge only when
    every pair across them is linkable."""
    judge = _Judge(items, scored)
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {}
    for (i, j), _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        left, right = members.get(a, [a]), members.get(b, [b])
        if not all(judge.linkable(x, y) for x in left for y in right):
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        members[a] = left + right
        members.pop(b, None)
        for y in right:
            cluster_of[y] = a
    return [m for m in members.values() if len(m) > 1]


# ---- verdicts ----------------------------------------------------------------
def _judge(group: Group, topic: str | None) -> Group:
    items = group.items
    group.values = _values(items)
    conflicts = [(a, b) for k, a in enumerate(group.values) for b in group.values[k + 1:] if not fits(a.first, b.first)]
    group.status = DISAGREE if conflicts else AGREE
    group.differences = _figure_differences(group.values, conflicts) + _conversion_differences(items) + \
        _period_differences(items)
    group.topic = topic or _most_common(t for i in items for t in sorted(i.topics))
    group.fact = _fact(items)
    group.key = _key(group.fact, items)
    return group


def _values(items: list[Item]) -> list[Value]:
    """The distinct values of a group (`5500億ドル` and `５５００億ドル` are one),
    the most stated first, then in the order of the group."""
    by_value: dict[tuple, list[Item]] = {}
    for item in items:
        by_value.setdefault((item.number, item.mention.get("qualifier"), item.date), []).append(item)
    values = [Value(tuple(v)) for v in by_value.values()]  # in the order the group lists them
    return sorted(values, key=lambda v: -len(v.outlets))


def _figure_differences(values: list[Value], conflicts: list[tuple[Value, Value]]) -> list[dict]:
    """Each pair of distinct values that cannot both be true, once, with the
    intervals that do not meet; when all fit, the ways they were put (`3兆円` vs `3兆円規模`)."""
    first = values[0].first
    kind = "amount" if first.field != "dates" else "period" if first.date is None else "date"
    if conflicts:
        return [{"kind": "qualifier" if a.first.number is not None and a.first.number == b.first.number else kind,
                 "detail": f"{_said(a)} vs {_said(b)}", "values": [a.text, b.text],
                 "intervals": [_interval(a.first), _interval(b.first)]}
                for a, b in conflicts]
    if len(values) < 2:
        return []
    differs = "qualifier" if len({v.first.number for v in values}) == 1 and kind != "date" else kind
    return [{"kind": differs, "detail": " vs ".join(_said(v) for v in values), "values": [v.text for v in values]}]


def _interval(item: Item) -> list[float | str | None]:
    """The values a figure allows, as JSON: [low, high] (null for an open end), or the date."""
    if item.interval is None:
        return [item.date, item.date]
    return [x if math.isfinite(x) else None for x in (item.interval.low, item.interval.high)]


def _said(value: Value) -> str:
    """A value as written, with its qualifier when the words do not show it
    (`80億ドル(…)規模`: the 規模 stands after the bracket)."""
    qualifier = value.first.mention.get("qualifier")
    shown = value.text
    return f"{shown} ({qualifier})" if qualifier and qualifier != "exact" and shown == value.first.text else shown


def _conversion_differences(items: list[Item]) -> list[dict]:
    """`80億ドル(約1兆2000億円)` against `80億ドル(約1兆2400億円)`: another exchange
    rate, said once with the rates the conversions imply."""
    conversions: dict[tuple, tuple[str, str]] = {}
    for i in items:
        c = i.conversion
        if c and isinstance(c.get("amount"), int | float) and i.number:
            rate = c["amount"] / i.number
            conversions.setdefault((c["amount"], c.get("currency")),
                                   (unicodedata.normalize("NFKC", c["text"]), _rate(rate, i, c)))
    if len(conversions) < 2:
        return []
    shown = dict.fromkeys(f"{text} ({rate})" for text, rate in conversions.values())
    return [{"kind": "conversion", "detail": " vs ".join(shown), "rates": [r for _, r in conversions.values()]}]


def _rate(rate: float, item: Item, conversion: dict) -> str:
    """`1 USD = 152.7 JPY`: the rate a conversion implies."""
    unit = item.mention.get("currency")
    return f"1 {unit} = {rate:.4g} {conversion.get('currency')}"


def _period_differences(items: list[Item]) -> list[dict]:
    """A period one article gives and another leaves out."""
    periods = {i.article: i.periods for i in items}
    if len({frozenset(p) for p in periods.values()}) < 2:
        return []
    given = sorted({p for ps in periods.values() for p in ps})
    missing = [a for a, ps in periods.items() if not ps]
    return [{"kind": "period", "detail": f"{', '.join(given)} vs none in {len(missing)} source(s)"}]


def _fact(items: list[Item]) -> dict:
    """The fact a group states, from its members' frames: the slots they fill."""
    measure = _most_common(i.frame.measure for i in items if i.frame.measure)
    scope = _most_common(i.frame.scope for i in items if i.frame.scope and i.frame.measure == measure)
    subject = Counter(s for i in items for s in i.frame.subject)
    time = _most_common(i.frame.time for i in items if i.frame.time)
    unit = items[0].block.split(":", 1)[1]
    return {"measure": measure, "scope": scope, "subject": sorted(subject, key=lambda s: (-subject[s], s)),
            "time": time, "unit": unit}


def _key(fact: dict, items: list[Item]) -> str:
    """The fact in words: measure · subject · time · unit (`貿易額 · 日本, カザフスタン · 2024 · USD`).
    Without a measure, the words the figures stand next to; without a subject, the actors named."""
    names: dict[str, Counter] = {}
    for i in items:
        for a in i.claim.get("actors", []):
            names.setdefault(a["id"], Counter())[a["name"]] += 1
    def name(actor: str) -> str:
        return _most_common(names[actor]) if actor in names else actor
    measure = (fact["scope"] or "") + fact["measure"] if fact["measure"] else \
        _most_common(w for i in items for w in sorted(i.near))
    who = fact["subject"][:3] or [a for a, _ in Counter(
        a["id"] for i in items for a in i.claim.get("actors", []) if a.get("type") != "place").most_common(3)]
    period = fact["time"] or _most_common(p for i in items for p in sorted(i.periods))
    unit = None if items[0].field == "dates" else fact["unit"]  # a date's value says what it is
    parts = (measure, ", ".join(name(a) for a in who), period, unit)
    return " · ".join(part for part in parts if part)


def _most_common(values: Iterable[str]) -> str | None:
    """The most frequent value; on a tie the first in sort order (never set order,
    which changes from one process to the next)."""
    counted = Counter(values)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None
