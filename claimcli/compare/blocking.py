"""Candidate pairs without comparing all pairs: items meet only in a block of
the same kind of figure (currency, unit, kind of date), a nearby value and an
actor they share (in the sentence or the article), so the work grows with the
number of claims, not its square."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from claimcli.compare.intervals import date_parts
from claimcli.compare.items import Item

VALUE_STEP = 1.25  # numbers within one step of each other share or neighbour a bucket
DAY_SLACK = 3  # dates a few days apart may be one event told two ways
MAX_BLOCK = 200  # beyond this many items, a neighbourhood is searched by a window
WINDOW = 30  # items on each side, in order of publication date


Key = tuple[str, str, str]  # kind of figure, value bucket, actor


def blocking_keys(item: Item) -> list[Key]:
    """The keys an item is filed under; two items are compared when they share one."""
    bucket = _bucket(item)
    actors = sorted(item.actors or item.context) or [""]  # the sentence's actors, else the article's
    return [(item.block, bucket, actor) for actor in actors]


def _bucket(item: Item) -> str:
    if item.number is not None:
        return str(round(math.log(item.number, VALUE_STEP))) if item.number > 0 else "0"
    parts = date_parts((item.date or "").split("/")[0])
    if parts is None:
        return item.date or ""
    year, month, day = parts
    if day is not None:
        return f"d{day}"
    return f"m{month}" if month is not None else f"y{year}"


def neighbours(key: Key) -> list[Key]:
    """The keys whose items may still be the same fact as one under `key`."""
    block, bucket, actor = key
    if bucket.lstrip("-").isdigit():
        n = int(bucket)
        return [(block, str(n + k), actor) for k in (-1, 0, 1)]
    if bucket.startswith("d"):
        n = int(bucket[1:])
        return [(block, f"d{d}", actor) for d in range(n - DAY_SLACK, n + DAY_SLACK + 1) if 1 <= d <= 31]
    return [key]


def candidate_pairs(items: list[Item]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of items that share a neighbourhood. An item with no
    actors at all meets every item of its value neighbourhood. Where a
    neighbourhood is crowded (a figure every article repeats), items meet only
    the WINDOW items nearest in publication date (sorted neighbourhood)."""
    index: dict[Key, list[int]] = defaultdict(list)
    by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in blocking_keys(item):
            index[key].append(i)
        by_value[key[:2]].append(i)
    seen: set[tuple[int, int]] = set()
    for key, members in index.items():
        if key[2]:
            others = [j for near in neighbours(key) for j in index.get(near, ())]
        else:
            others = [j for near in neighbours(key) for j in by_value.get(near[:2], ())]
        for pair in _pairs(items, members, others):
            if pair not in seen:
                seen.add(pair)
                yield pair


def _pairs(items: list[Item], members: list[int], others: list[int]) -> Iterator[tuple[int, int]]:
    if len(others) <= MAX_BLOCK:
        for i in members:
            for j in others:
                if i != j:
                    yield (i, j) if i < j else (j, i)
        return
    ordered = sorted(set(others), key=lambda j: (_published(items[j]), j))
    where = {j: k for k, j in enumerate(ordered)}
    for i in members:
        k = where.get(i)
        if k is None:
            continue
        for j in ordered[max(0, k - WINDOW):k + WINDOW + 1]:
            if i != j:
                yield (i, j) if i < j else (j, i)


def _published(item: Item) -> str:
    return (item.claim.get("source") or {}).get("published") or ""
