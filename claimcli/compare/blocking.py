"""Candidate pairs without comparing all pairs: items meet only in a block of
the same kind of figure (currency, unit, kind of date), a nearby value and an
actor they share (in the sentence or the article), so the work grows with the
number of claims, not its square."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator

import numpy as np

from claimcli.compare.intervals import date_parts, significant_digits
from claimcli.compare.items import Item

VALUE_STEP = 1.25  # numbers within one step of each other share or neighbour a bucket
DAY_SLACK = 3  # dates a few days apart may be one event told two ways
MAX_BLOCK = 200  # beyond this many items, a neighbourhood is searched by a window
WINDOW = 30  # items on each side, in order of publication date
PAIRS_AT_ONCE = 4_000_000  # candidate pairs made in one go (memory, not the result, depends on it)


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


def block_pairs(filed: np.ndarray, own: np.ndarray, published: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs (low index, high index) of one group: its members
    against everything filed there. `filed` holds item indices, `own` whether
    each filing is a member's, `published` a rank of each filed item's
    publication date. Where a group is crowded (a figure every article
    repeats), members meet only the WINDOW items nearest in publication date
    (sorted neighbourhood)."""
    others, first = _unique(filed)
    members = _unique(filed[own])[0]
    if len(others) <= MAX_BLOCK:
        a = np.repeat(members, len(others))
        b = np.tile(others, len(members))
    else:
        order = np.lexsort((others, published[first]))  # by date, then index
        ordered = others[order]
        position = np.empty(len(others), dtype=np.int64)
        position[order] = np.arange(len(others))
        at = position[np.searchsorted(others, members)][:, None] + np.arange(-WINDOW, WINDOW + 1)[None, :]
        inside = (at >= 0) & (at < len(others))
        a = np.broadcast_to(members[:, None], at.shape)[inside]
        b = ordered[at[inside]]
    return _ordered(a, b)


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values and where each first stands (np.unique,
    hashing, is several times slower on these arrays)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first], order[first]


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values, sorted in place (one copy less than _unique: these arrays are the largest)."""
    values.sort()
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def candidate_pairs(items: list[Item]) -> np.ndarray:
    """Every candidate pair of items of different articles, once: an (n, 2)
    array of indices, low first, in sorted order. Filings are grouped by key
    with one sort; the pairs of all uncrowded groups are made at once, those
    of crowded ones group by group (by their windows)."""
    if not items:
        return np.empty((0, 2), dtype=np.int64)
    key_arr, item_arr, own_arr = _filed(items)
    bounds = np.r_[0, np.flatnonzero(np.diff(key_arr)) + 1, len(key_arr)]
    starts, sizes = bounds[:-1], np.diff(bounds)
    crowded = sizes > MAX_BLOCK
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    members = np.flatnonzero(own_arr & ~crowded[group_of])
    count = sizes[group_of[members]]  # a member of an uncrowded group meets all of it
    articles = _article_ids(items)
    found = []  # the distinct pair codes of each chunk of members: memory stays bounded
    for chunk in np.array_split(np.arange(len(members)), max(1, int(count.sum()) // PAIRS_AT_ONCE)):
        m, c = members[chunk], count[chunk]
        first = np.repeat(starts[group_of[m]], c)
        offset = np.arange(c.sum()) - np.repeat(np.cumsum(c) - c, c)
        found.append(_codes(*_ordered(np.repeat(item_arr[m], c), item_arr[first + offset]), articles))
    published = published_ranks(items)
    for g in np.flatnonzero(crowded):
        rows = slice(starts[g], starts[g] + sizes[g])
        found.append(_codes(*block_pairs(item_arr[rows], own_arr[rows], published[item_arr[rows]]), articles))
    unique = _distinct(np.concatenate(found))
    n = len(items)
    return np.stack((unique // n, unique % n), axis=1)


def _filed(items: list[Item]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every filing as arrays (key, item, member or not), sorted by key and item, each once."""
    keys: dict[Key, int] = {}
    alike: dict[tuple, tuple[array, array]] = {}  # items filed alike (one figure told by many) are filed once
    key_of, filed, own = array("q"), array("q"), array("b")  # flat, not lists of int objects
    for i, item in enumerate(items):
        filing = (item.block, item.number, item.date, item.actors, item.context)
        if filing not in alike:
            found = list(filings(i, item))
            alike[filing] = (array("q", [keys.setdefault(k, len(keys)) for k, _ in found]),
                             array("b", [member for _, (_, member) in found]))
        item_keys, members = alike[filing]
        key_of.extend(item_keys)
        filed.extend(array("q", [i]) * len(item_keys))
        own.extend(members)
    return _distinct_filings(np.frombuffer(key_of, dtype=np.int64), np.frombuffer(filed, dtype=np.int64),
                             np.frombuffer(own, dtype=np.int8).astype(bool))


def _codes(low: np.ndarray, high: np.ndarray, articles: np.ndarray) -> np.ndarray:
    """Pairs of different articles as distinct codes low * n + high."""
    apart = articles[low] != articles[high]
    return _distinct(low[apart] * len(articles) + high[apart])


def _distinct_filings(keys: np.ndarray, filed: np.ndarray, own: np.ndarray) -> tuple[np.ndarray, ...]:
    """Filings sorted by key and item, an item filed twice under one key once
    (a member if either filing was)."""
    order = np.lexsort((filed, keys))
    keys, filed, own = keys[order], filed[order], own[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (filed[1:] != filed[:-1])
    starts = np.flatnonzero(new)
    return keys[starts], filed[starts], np.logical_or.reduceat(own, starts)


def _ordered(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of two different items, low index first."""
    apart = a != b
    a, b = a[apart], b[apart]
    return np.minimum(a, b), np.maximum(a, b)


def published_ranks(items: list[Item]) -> np.ndarray:
    """Each item's publication date as a rank (no date first), for sorting by date."""
    dates = [_published(item) for item in items]
    ranks = {d: r for r, d in enumerate(sorted(set(dates)))}
    return np.array([ranks[d] for d in dates], dtype=np.int64)


def _article_ids(items: list[Item]) -> np.ndarray:
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(item.article, len(ids)) for item in items], dtype=np.int64)


def _published(item: Item) -> str:
    return item.source.published or ""
