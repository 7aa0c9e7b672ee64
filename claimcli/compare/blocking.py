"""Candidate pairs without comparing all pairs: items meet only in a block of
the same kind of figure (currency, unit, kind of date), a nearby value and an
actor they share (in the sentence or the article), so the work grows with the
number of claims, not its square."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from claimcli.compare.intervals import date_parts, significant_digits
from claimcli.compare.items import Item

VALUE_STEP = 1.25  # numbers within one step of each other share or neighbour a bucket
DAY_SLACK = 3  # dates a few days apart may be one event told two ways
MAX_BLOCK = 200  # beyond this many items, a neighbourhood is searched by a window
WINDOW = 30  # items on each side, in order of publication date


Key = tuple[str, str, str]  # kind of figure, value bucket, actor


def blocking_keys(item: Item) -> list[Key]:
    """The keys an item is filed under as a member; two items are compared when
    they share one, or when one meets the other under its article's actors."""
    buckets = [_bucket(item)] + ([_digits(item.number)] if item.number else [])
    actors = sorted(item.actors or item.context) or [""]  # the sentence's actors, else the article's
    return [(item.block, bucket, actor) for bucket in buckets for actor in actors]


def meeting_keys(item: Item) -> list[Key]:
    """The keys of its article's main actors its sentence does not name: an item
    meets the members there, without their meeting each other (a sentence that
    names only the company building a plant meets another outlet's sentence that
    names the country its article is about). A sentence that names no one is
    filed under its article's actors as a member already."""
    extra = sorted(item.context - item.actors) if item.actors else []
    return [(item.block, _bucket(item), actor) for actor in extra]


def _digits(number: float) -> str:
    """`360億` and `360`: the same digits a scale word (万, 億, 兆) apart, one bucket."""
    return f"s{significant_digits(number)}:{math.floor(math.log10(abs(number))) % 4}"


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


Filing = tuple[int, bool]  # an item's index, and whether it belongs to the group (or only meets it)


def filings(i: int, item: Item) -> Iterator[tuple[Key, Filing]]:
    """Where an item is filed: under each of its keys as a member, and under the
    neighbouring keys and its article's actors as an item the members there may
    meet. Every item also meets the items with no actors of its value
    neighbourhood (key with actor "")."""
    for key in blocking_keys(item):
        yield key, (i, True)
        for near in neighbours(key):
            if near != key:
                yield near, (i, False)
        if key[2]:
            for near in neighbours((*key[:2], "")):
                yield near, (i, False)
    for key in meeting_keys(item):
        for near in neighbours(key):
            yield near, (i, False)


def group_pairs(items: dict[int, Item], filed: list[Filing]) -> list[tuple[int, int]]:
    """The candidate pairs of one group: its members against everything filed
    there. Where a group is crowded (a figure every article repeats), members
    meet only the WINDOW items nearest in publication date (sorted neighbourhood)."""
    members = sorted({i for i, own in filed if own})
    others = sorted({i for i, _ in filed})
    if len(others) <= MAX_BLOCK:
        return [(min(i, j), max(i, j)) for i in members for j in others if i != j]
    ordered = sorted(others, key=lambda j: (_published(items[j]), j))
    where = {j: k for k, j in enumerate(ordered)}
    return [(min(i, j), max(i, j)) for i in members
            for j in ordered[max(0, where[i] - WINDOW):where[i] + WINDOW + 1] if i != j]


def grouped(items: list[Item]) -> dict[Key, list[Filing]]:
    """Filings by key: the group-by a cluster does, here in one process."""
    groups: dict[Key, list[Filing]] = defaultdict(list)
    for i, item in enumerate(items):
        for key, filing in filings(i, item):
            groups[key].append(filing)
    return groups


def _published(item: Item) -> str:
    return item.source.published or ""
