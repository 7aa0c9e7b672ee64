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

import gc
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from claimcli import SCHEMA
from claimcli.compare.blocking import candidate_pairs
from claimcli.compare.columns import Columns, judge_figures
from claimcli.compare.items import Item, forget_shared, items_of
from claimcli.compare.similarity import fits, same_fact
from claimcli.compare.spool import Spool
from claimcli.records import ClaimText
from claimcli.text.japanese import time_words

AGREE, DISAGREE = "agree", "disagree"
DASK_PAIRS = 250_000  # candidate pairs judged in one task on a cluster
JUDGED_AT_ONCE = 4_000_000  # candidate pairs judged in one go (memory, not the result, depends on it)


@dataclass(frozen=True)
class Value:
    """One distinct value of a group: its items, and the outlets that state it."""

    items: tuple[Item, ...]

    @property
    def first(self) -> Item:
        return self.items[0]

    @cached_property  # asked for by the verdict, the key, the differences and the output
    def text(self) -> str:
        texts = Counter(unicodedata.normalize("NFKC", i.text) for i in self.items)
        return min(texts, key=lambda t: (-texts[t], t))

    @cached_property
    def outlets(self) -> list[str]:
        return sorted({i.outlet for i in self.items})

    def to_json(self) -> dict:
        return {"text": self.text, "value": self.first.value, "qualifier": self.first.qualifier,
                "outlets": self.outlets, "claims": len(self.items)}


@dataclass
class Group:
    items: list[Item]
    status: str = AGREE
    differences: list[dict] = field(default_factory=list)
    topic: str | None = None
    key: str = ""
    values: list[Value] = field(default_factory=list)
    fact: dict = field(default_factory=dict)

    def to_json(self, with_claims: bool = True) -> dict:
        shown = {"schema": SCHEMA, "topic": self.topic, "status": self.status, "key": self.key, "fact": self.fact,
                 "values": [v.to_json() for v in self.values]}
        if not with_claims:
            return shown
        return {**shown, "claims": [{**i.claim, "figure": {"field": i.field, "text": i.text}} for i in self.items],
                "differences": self.differences}


def compare(claims: Iterable[dict | ClaimText], topic: str | None = None, scheduler: str | None = None) -> list[Group]:
    """Line up the claims (of a topic) that different articles make about the same fact.
    A claim read with its JSON line keeps only the line. With a Dask scheduler,
    the blocking group-by and the scoring run on the cluster."""
    spool = Spool()
    with _no_cycle_collection():
        items = [i for c in claims for i in _items(c, topic, spool)]
        forget_shared()
        judge = _Judge(items)
        if scheduler:
            scored = _scored_on_dask(judge, candidate_pairs(items), scheduler)
        else:
            scored = _scored(judge, candidate_pairs(items))
        clusters = _complete_linkage(judge, scored)
        groups = [_judge(Group([items[i] for i in sorted(members)]), topic) for members in clusters]
    groups = [g for g in groups if len({i.article for i in g.items}) >= 2]
    return sorted(groups, key=lambda g: (g.status != DISAGREE, g.key))


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector, run again and again over a heap that only
    grows (millions of items, none in a cycle), took two thirds of the time of
    reading claims: it waits until compare is done. What is there by then is
    frozen (`gc.freeze`: left out of later collections, still freed when no
    longer used, but a cycle among them is never collected: compare makes
    none, and a command ends soon after): the first collections after it, and
    the one at exit, each went over all of it (10 s of 57 s at 300k claims,
    18% of the samples)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()


def _items(claim: dict | ClaimText, topic: str | None, spool: Spool) -> list[Item]:
    claim, text = claim if isinstance(claim, ClaimText) else (claim, None)
    if topic is not None and topic not in claim.get("topics", []):
        return []
    return items_of(claim, None if text is None else spool.keep(text))


Scored = tuple[np.ndarray, np.ndarray]  # pairs (n, 2) of item indices, and their scores


def _scored(judge: _Judge, pairs: np.ndarray, on_arrays_judged=None) -> Scored:
    """The candidate pairs (of different articles) that pass the same-fact
    test, with their scores, judged JUDGED_AT_ONCE pairs at a time."""
    found = [_scored_chunk(judge, pairs[k:k + JUDGED_AT_ONCE], on_arrays_judged)
             for k in range(0, max(len(pairs), 1), JUDGED_AT_ONCE)]  # one chunk, empty, for no pairs
    return np.concatenate([p for p, _ in found]), np.concatenate([s for _, s in found])


def _scored_chunk(judge: _Judge, pairs: np.ndarray, on_arrays_judged=None) -> Scored:
    """The pairs the arrays can judge are judged there (`on_arrays_judged(pairs)`:
    elsewhere, on a cluster), one pair of each pair of kinds (a figure many
    outlets copy is many pairs of two kinds); of the rest, those the columns
    do not rule out are judged one by one, likewise."""
    on_arrays = judge.columns.figures().judgeable(pairs[:, 0], pairs[:, 1])
    figures = pairs[on_arrays]
    first, inverse = judge.kind_pairs(figures)
    judged = figures[first]
    verdicts = on_arrays_judged(judged) if on_arrays_judged else \
        judge_figures(judge.columns, judged[:, 0], judged[:, 1])
    passed = ~np.isnan(verdicts)
    judge.learn(judged[passed], verdicts[passed])
    scores = verdicts[inverse]
    kept = ~np.isnan(scores)
    rest = pairs[~on_arrays]
    rest, rest_scores = _scored_one_by_one(judge, rest[judge.columns.may_be_one_fact(rest[:, 0], rest[:, 1])])
    return np.concatenate((figures[kept], rest)), np.concatenate((scores[kept], rest_scores))


def _scored_one_by_one(judge: _Judge, pairs: np.ndarray) -> Scored:
    """Pairs the arrays do not judge (very large sets, a bare year against a day): each pair of kinds once."""
    first, inverse = judge.kind_pairs(pairs)
    verdicts = np.array([_or_nan(judge.score(i, j)) for i, j in pairs[first].tolist()], dtype=np.float64)
    scores = verdicts[inverse]
    kept = ~np.isnan(scores)
    return pairs[kept], scores[kept]


def _or_nan(score: float | None) -> float:
    return math.nan if score is None else score


def _scored_on_dask(judge: _Judge, pairs: np.ndarray, address: str) -> Scored:
    """The same pairs, the same test: blocking on arrays here, the array judge
    on the cluster, in chunks of pairs. Only the columns travel (once to each
    worker, without the items and claims they were read from), then pairs and
    their scores; the few pairs judged one by one stay here."""
    from claimcli.parallel import dask_client

    with dask_client(address) as client:
        shipped = client.scatter(judge.columns.shipped(), broadcast=True)

        def on_cluster(figures: np.ndarray) -> np.ndarray:
            chunks = [figures[k:k + DASK_PAIRS] for k in range(0, len(figures), DASK_PAIRS)]
            futures = [client.submit(_judged_chunk, shipped, chunk, pure=False) for chunk in chunks]
            return np.concatenate([f.result() for f in futures]) if futures else np.empty(0)

        return _scored(judge, pairs, on_cluster)


def _judged_chunk(columns: Columns, pairs: np.ndarray) -> np.ndarray:
    return judge_figures(columns, pairs[:, 0], pairs[:, 1])


class _Judge:
    """The same-fact test for any two items,
    remembered by what it reads: items alike in it, such as one figure copied by
    many outlets, are one kind and judged once per pair of kinds. Clustering asks
    for pairs that blocking did not propose; they are judged then."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        ids: dict[tuple, int] = {}
        intervals = [item.interval for item in items]  # made once: the kinds and the columns read them
        self.kinds = np.array([ids.setdefault(item.signature(interval), len(ids))
                               for item, interval in zip(items, intervals, strict=True)], dtype=np.int64)
        self._kind = self.kinds.tolist()
        self.columns = Columns(items, intervals)
        self._width = int(self.kinds.max(initial=0)) + 1
        # A pair of kinds as one int (low * width + high): millions of verdicts, each key an int, not a tuple of two.
        self._verdicts: dict[int, float | None] = {}

    def kind(self, i: int) -> int:
        return self._kind[i]

    def _keys(self, pairs: np.ndarray) -> np.ndarray:
        """The verdicts' keys of pairs of items (as `kind_score` makes them), as an array."""
        a, b = self.kinds[pairs[:, 0]], self.kinds[pairs[:, 1]]
        return np.minimum(a, b) * self._width + np.maximum(a, b)

    def score(self, i: int, j: int) -> float | None:
        """The pair's score when it is one fact, else None."""
        return self.kind_score(self._kind[i], self._kind[j], i, j)

    def kind_score(self, a: int, b: int, i: int, j: int) -> float | None:
        """`score` of items i and j, of kinds a and b (clusters hold their members by kind)."""
        key = a * self._width + b if a <= b else b * self._width + a
        verdicts = self._verdicts
        if key not in verdicts:
            verdicts[key] = same_fact(self.items[i], self.items[j])
        return verdicts[key]

    def kind_pairs(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of items: the first pair of each pair of kinds, and each pair's pair of kinds (as that index)."""
        order, codes = _stable_order(self._keys(pairs))
        new = np.ones(len(codes), dtype=bool)
        new[1:] = codes[1:] != codes[:-1]
        inverse = np.empty(len(codes), dtype=np.int64)
        inverse[order] = np.cumsum(new) - 1
        return order[new], inverse

    def learn(self, pairs: np.ndarray, scores: np.ndarray) -> None:
        """Scores found on arrays or on a cluster, one pair of each pair of kinds."""
        self._verdicts.update(zip(self._keys(pairs).tolist(), scores.tolist(), strict=True))

    def across(self, i: int, j: int) -> bool:
        """Two items of different articles: one fact?"""
        return self.score(i, j) is not None

    def within(self, i: int, j: int) -> bool:
        """Two items of one article: one figure told again in another sentence
        (a title and its body), and so one fact by the same test?"""
        a, b = self.items[i], self.items[j]
        return a.sentence != b.sentence and _repeats(a, b) and self.across(i, j) and \
            (a.number is not None or _same_event(a, b))


def _stable_order(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.argsort(codes, kind="stable") and the codes in that order, faster:
    codes and positions sorted as one int (every key distinct) where it fits
    in 63 bits. `codes` is used up."""
    n = len(codes)
    if n == 0 or int(codes.max()) >= (2**63 - 1) // n:
        order = np.argsort(codes, kind="stable")
        return order, codes[order]
    codes *= n
    codes += np.arange(n)
    codes.sort(kind="stable")  # a merge of runs: kinds are numbered in item order, pairs come in it
    return np.remainder(codes, n), np.floor_divide(codes, n, out=codes)


class _Cluster:
    """Members by kind (what the same-fact test reads), then by article."""

    def __init__(self, judge: _Judge, first: int) -> None:
        kind = judge.kind(first)
        self.kinds: dict[int, dict[str, list[int]]] = {kind: {judge.items[first].article: [first]}}
        self.first = {kind: first}  # an item of each kind, the one the test is asked of
        self.size = 1

    def members(self) -> list[int]:
        return sorted(i for by_article in self.kinds.values() for m in by_article.values() for i in m)

    def fits(self, other: _Cluster, judge: _Judge) -> bool:
        """Every pair across the two clusters is one fact: items of different
        articles pass the test (once per pair of kinds), items of one article repeat."""
        for kind_a, by_article_a in self.kinds.items():
            for kind_b, by_article_b in other.kinds.items():
                shared = by_article_a.keys() & by_article_b.keys()
                # Two articles meet unless both sides are of one article, the same.
                if (len(by_article_a) > 1 or len(by_article_b) > 1 or not shared) \
                        and judge.kind_score(kind_a, kind_b, self.first[kind_a], other.first[kind_b]) is None:
                    return False
                for article in shared:
                    if not all(judge.within(x, y) for x in by_article_a[article] for y in by_article_b[article]):
                        return False
        return True

    def absorb(self, other: _Cluster) -> None:
        for kind, by_article in other.kinds.items():
            mine = self.kinds.setdefault(kind, {})
            for article, found in by_article.items():
                mine.setdefault(article, []).extend(found)
            self.first.setdefault(kind, other.first[kind])
        self.size += other.size


def _same_event(a: Item, b: Item) -> bool:
    """One article naming one day twice names one event only when both sentences
    say which (the same event word) or who (a person or body, not only countries)."""
    return bool(a.frame.measure and a.frame.measure == b.frame.measure) or \
        bool((a.actors - a.countries) & (b.actors - b.countries))


def _repeats(a: Item, b: Item) -> bool:
    """One figure told twice by one article (a title and its body)."""
    if a.number is not None:
        return a.number == b.number and a.qualifier == b.qualifier
    return a.date == b.date


def _complete_linkage(judge: _Judge, scored: Scored) -> list[list[int]]:
    """Agglomerative clustering, best pairs first: two clusters merge only when
    every pair across them is linkable. Two clusters that failed to merge
    never can: clusters only grow, and the pair that failed stays in them; so
    a failure is remembered between the clusters (and those they become)."""
    cluster_of = list(range(len(judge.items)))
    clusters: dict[int, _Cluster] = {}
    never: dict[int, set[int]] = {}  # cluster → the clusters it can never merge with
    pairs, scores = scored
    best_first = pairs[np.lexsort((pairs[:, 1], pairs[:, 0], -scores))]  # on a tie, by index
    for i, j in zip(best_first[:, 0].tolist(), best_first[:, 1].tolist(), strict=True):
        a, b = cluster_of[i], cluster_of[j]
        if a == b or b in never.get(a, ()):
            continue
        left = clusters.get(a) or _Cluster(judge, a)
        right = clusters.get(b) or _Cluster(judge, b)
        if not left.fits(right, judge):
            never.setdefault(a, set()).add(b)
            never.setdefault(b, set()).add(a)
            continue
        if left.size < right.size:
            a, b, left, right = b, a, right, left
        for y in right.members():
            cluster_of[y] = a
        left.absorb(right)
        clusters[a] = left
        clusters.pop(b, None)
        for c in never.pop(b, set()):  # what b could never join, a cannot either
            never[c].discard(b)
            never[c].add(a)
            never.setdefault(a, set()).add(c)
    return [c.members() for c in clusters.values() if c.size > 1]


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
    group.key = _key(group.fact, items, group.values)
    return group


def _values(items: list[Item]) -> list[Value]:
    """The distinct values of a group (`5500億ドル` and `５５００億ドル` are one),
    the most stated first, then in the order of the group."""
    by_value: dict[tuple, list[Item]] = {}
    for item in items:
        by_value.setdefault((item.number, item.qualifier, item.date), []).append(item)
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
    qualifier = value.first.qualifier
    shown = value.text
    return f"{shown} ({qualifier})" if qualifier != "exact" and shown == value.first.text else shown


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
    return f"1 {item.unit} = {rate:.4g} {conversion.get('currency')}"


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


def _key(fact: dict, items: list[Item], values: list[Value]) -> str:
    """The fact in words: measure · subject · time · unit (`貿易額 · 日本, カザフスタン · 2024 · USD`);
    without a subject, the actors named; for dates, the date most outlets give in place of a unit
    (`会談 · 米国, C5+1 · 11月6日`)."""
    measure = (fact["scope"] or "") + fact["measure"] if fact["measure"] else None
    who = fact["subject"][:3] or [a for a, _ in Counter(
        a.id for i in items for a in i.named if a.type != "place").most_common(3)]
    period = fact["time"] or _most_common(p for i in items for p in sorted(i.periods))
    period = time_words(period) if period else None
    unit = values[0].text if items[0].field == "dates" else fact["unit"]
    parts = (measure, ", ".join(_name(a, items) for a in who), period, unit)
    return " · ".join(part for part in parts if part)


def _name(actor: str, items: list[Item]) -> str:
    """The name the group's sentences give an actor most, else its id."""
    name = _most_common(a.name for i in items for a in i.named if a.id == actor)
    return actor if name is None else name


def _most_common(values: Iterable[str]) -> str | None:
    """The most frequent value; on a tie the first in sort order (never set order,
    which changes from one process to the next)."""
    counted = Counter(values)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None
