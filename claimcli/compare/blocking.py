"""Candidate pairs without comparing all pairs: items meet only in a block of
the same kind of figure (currency, unit, kind of date) and a nearby value, so
the work grows with the number of claims, not its square."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from claimcli.compare.intervals import date_parts
from claimcli.compare.items import Item

VALUE_STEP = 1.25  # numbers within one step of each other share or neighbour a bucket
DAY_SLACK = 3  # dates a few days apart may be one event told two ways


def blocking_keys(item: Item) -> list[tuple[str, str]]:
    """The keys an item is filed under; two items are compared when they share one."""
    if item.number is not None:
        if item.number <= 0:
            return [(item.block, "0")]
        return [(item.block, str(round(math.log(item.number, VALUE_STEP))))]
    parts = date_parts((item.date or "").split("/")[0])
    if parts is None:
        return [(item.block, item.date or "")]
    year, month, day = parts
    if day is not None:
        return [(item.block, f"d{day}")]
    if month is not None:
        return [(item.block, f"m{month}")]
    return [(item.block, f"y{year}")]


def neighbours(key: tuple[str, str]) -> list[tuple[str, str]]:
    """The keys whose items may still be the same fact as one under `key`."""
    block, bucket = key
    if bucket.lstrip("-").isdigit():
        n = int(bucket)
        return [(block, str(n + k)) for k in (-1, 0, 1)]
    if bucket.startswith("d"):
        n = int(bucket[1:])
        return [(block, f"d{d}") for d in range(n - DAY_SLACK, n + DAY_SLACK + 1) if 1 <= d <= 31]
    return [key]


def candidate_pairs(items: list[Item]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of items that share a neighbourhood."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in blocking_keys(item):
            index[key].append(i)
    seen: set[tuple[int, int]] = set()
    for key, members in index.items():
        others = [j for near in neighbours(key) for j in index.get(near, ())]
        for i in members:
            for j in others:
                if i < j and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j
