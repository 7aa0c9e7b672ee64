"""Candidate pairs without comparing all pairs: items meet only in a block of
the same kind of figure (currency, unit, kind of date), a nearby value and an
actor they share (in the sentence or the article), so the work grows with the
number of claims, not its square."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator

import numpy as np

from claimcli.compare.arrays import runs
from claimcli.compare.intervals import date_parts, significant_digits
from claimcli.compare.items import Item

VALUE_STEP = 1.25  # numbers within one step of each other share or neighbour a bucket
DAY_SLACK = 3  # dates a few days apart may be one event told two ways
MAX_BLOCK = 200  # beyond this many items, a neighbourhood is searched by a window
WINDOW = 30  # items on each side, in order of publication date
PAIRS_AT_ONCE = 1_000_000  # candidate pairs made in one go (memory, not the result, depends on it)
PAIR = np.int32  # an item index in a pair: half the memory of the default ints (10 M pairs: 80 MB)


def _buckets(item: Item) -> list[str]:
    """The value buckets an item is filed under: its value's, and for a number its digits'."""
    return [_bucket(item)] + ([_digits(item.number)] if item.number else [])


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


def _neighbour_buckets(bucket: str) -> list[str]:
    """The buckets whose items may still be the same fact as one in `bucket` (itself first)."""
    if bucket.lstrip("-").isdigit():
        n = int(bucket)
        return [bucket, str(n - 1), str(n + 1)]
    if bucket.startswith("d"):
        n = int(bucket[1:])
        return [bucket] + [f"d{d}" for d in range(n - DAY_SLACK, n + DAY_SLACK + 1) if 1 <= d <= 31 and d != n]
    return [bucket]


def _window_pairs(starts: np.ndarray, sizes: np.ndarray, item_arr: np.ndarray, own_arr: np.ndarray,
                  published: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs (low index, high index) of crowded groups (a figure
    every article repeats), given by where their filings start and how many
    they are: each member meets the WINDOW items nearest it in publication
    date on each side, in its group (sorted neighbourhood). All the groups at
    once: laid end to end, each sorted by date (then index) in its place."""
    group, offset = runs(sizes)
    rows = starts[group] + offset
    filed = item_arr[rows]  # a group's filings are distinct items
    order = np.lexsort((filed, published[filed], group))  # by group, then date, then index
    ordered = filed[order]
    rank = np.empty(len(filed), dtype=np.int64)
    rank[order] = np.arange(len(filed))  # where each filing stands in `ordered`
    members = np.flatnonzero(own_arr[rows])
    at = rank[members][:, None] + np.arange(-WINDOW, WINDOW + 1)[None, :]
    first = (np.cumsum(sizes) - sizes)[group[members]][:, None]  # where the member's group begins in `ordered`
    inside = (at >= first) & (at < first + sizes[group[members]][:, None])
    a = np.broadcast_to(filed[members][:, None], at.shape)[inside]
    return _ordered(a, ordered[at[inside]])


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values, sorted in place (one copy less than
    np.unique: these arrays are the largest). The sort is numpy's stable one,
    a merge of runs: these arrays are made of sorted runs (each chunk's
    distinct pair codes), which it merges ~4× faster than quicksort sorts them."""
    values.sort(kind="stable")
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def candidate_pairs(items: list[Item]) -> np.ndarray:
    """Every candidate pair of items of different articles, once: an (n, 2)
    array of indices (PAIR), low first, in sorted order. Filings are grouped by key
    with one sort; the pairs of all uncrowded groups are made at once, those
    of crowded ones (by their windows) too, a million or so at a time."""
    if not items:
        return np.empty((0, 2), dtype=PAIR)
    bounds, item_arr, own_arr = _filed(items)
    starts, sizes = bounds[:-1], np.diff(bounds)
    crowded = sizes > MAX_BLOCK
    group_of = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)  # int32: one per filing
    members = np.flatnonzero(own_arr & ~crowded[group_of])
    count = sizes[group_of[members]]  # a member of an uncrowded group meets all of it
    articles = _article_ids(items)
    found = []  # the distinct pair codes of each chunk of members: memory stays bounded
    for chunk in np.array_split(np.arange(len(members)), max(1, int(count.sum()) // PAIRS_AT_ONCE)):
        m = members[chunk]
        member, offset = runs(count[chunk])
        found.append(_codes(*_ordered(item_arr[m][member], item_arr[starts[group_of[m]][member] + offset]), articles))
    published = published_ranks(items)
    crowded_groups = np.flatnonzero(crowded)
    members_crowded = int(np.add.reduceat(own_arr, starts, dtype=np.int64)[crowded_groups].sum())
    windows = members_crowded * (2 * WINDOW + 1)  # the pairs they make, at most
    for chunk in np.array_split(crowded_groups, max(1, windows // PAIRS_AT_ONCE)):
        found.append(_codes(*_window_pairs(starts[chunk], sizes[chunk], item_arr, own_arr, published), articles))
    codes = np.concatenate(found)
    found.clear()  # each chunk's codes are in `codes` now: memory for one copy, not two, while they sort
    return _pairs(_distinct(codes), len(items))


def _pairs(codes: np.ndarray, n: int) -> np.ndarray:
    """Pair codes low * n + high (int64) as rows (low, high) of PAIR (int32),
    written over the codes, PAIRS_AT_ONCE at a time: a row takes the bytes of
    its code, read before it is written, so no second array of them is made.
    `codes` is used up."""
    assert codes.dtype == np.int64 and np.dtype(PAIR).itemsize * 2 == codes.itemsize and codes.flags.c_contiguous
    pairs = codes.view(PAIR).reshape(-1, 2)
    for start in range(0, len(codes), PAIRS_AT_ONCE):
        chunk = codes[start:start + PAIRS_AT_ONCE]
        low, high = np.divmod(chunk, n)  # copies: the chunk's codes are read before its rows are written
        pairs[start:start + PAIRS_AT_ONCE, 0] = low
        pairs[start:start + PAIRS_AT_ONCE, 1] = high
    return pairs


def _filed(items: list[Item]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every filing, sorted by key and item, each once: where each key's
    filings begin (and the end), their items, and whether each is a member.

    A key is a block (kind of figure), a value bucket and an actor, coded as
    one int. An item is filed as a member under each of its buckets and each
    of its sentence's actors (else its article's, else none); it meets (as a
    filing that is not a member) the neighbouring buckets under those actors,
    its buckets' neighbourhood under no actor, and its own bucket's
    neighbourhood under its article's main actors its sentence does not name
    (a sentence that names only the company building a plant meets another
    outlet's sentence that names the country its article is about)."""
    blocks: dict[str, int] = {}
    buckets: dict[str, int] = {}
    actors: dict[str, int] = {"": 0}
    # Items alike in value are bucketed once, items alike in actors coded once; each
    # item's codes go to arrays of machine ints (a million items: no int object each).
    value_of: dict[float | str | None, int] = {}  # a number, or a date's value (an item has one of them), coded
    first_bucket, digits_bucket = array("q"), array("q")
    actors_of: dict[tuple, int] = {}
    coded: list[tuple[list[int], list[int]]] = []
    block, value_ids, named = array("q"), array("q"), array("q")
    for item in items:
        value = item.number if item.number is not None else item.date
        if (at := value_of.get(value)) is None:
            at = value_of[value] = len(first_bucket)
            found = [buckets.setdefault(b, len(buckets)) for b in _buckets(item)]
            first_bucket.append(found[0])
            digits_bucket.append(found[1] if len(found) > 1 else -1)
        value_ids.append(at)
        block.append(blocks.setdefault(item.block, len(blocks)))
        if (at := actors_of.get(sets := (item.actors, item.context))) is None:
            at = actors_of[sets] = len(coded)
            coded.append(_coded_actors(item, actors))
        named.append(at)
    del value_of, actors_of
    near = [[buckets.setdefault(n, len(buckets)) for n in _neighbour_buckets(b)] for b in list(buckets)]
    value_arr = _int64(value_ids)
    parts = _filings(_int64(block), _int64(first_bucket)[value_arr], _int64(digits_bucket)[value_arr],
                     _int64(named), _ragged([m for m, _ in coded]), _ragged([m for _, m in coded]), _ragged(near),
                     len(buckets), len(actors))
    return _distinct_filings(parts, len(items), len(blocks) * len(buckets) * len(actors))


def _int64(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int64) if len(values) else np.empty(0, dtype=np.int64)


def _coded_actors(item: Item, actors: dict[str, int]) -> tuple[list[int], list[int]]:
    """The actors an item is filed under (its sentence's, else its article's; 0
    for none) and those it meets beside them (its article's its sentence does not
    name), coded in the order first seen."""
    member = [actors.setdefault(a, len(actors)) for a in sorted(item.actors or item.context)] or [0]
    meeting = [actors.setdefault(a, len(actors)) for a in sorted(item.context - item.actors)] if item.actors else []
    return member, meeting


Ragged = tuple[np.ndarray, np.ndarray]  # lists of ints as (counts, values in a row)
Filings = tuple[np.ndarray, np.ndarray, bool]  # keys, their items, and whether these are members


def _ragged(lists: list[list[int]]) -> Ragged:
    return np.array([len(x) for x in lists], dtype=np.int64), np.array([v for x in lists for v in x], dtype=np.int64)


def _spread(owners: np.ndarray, ragged: Ragged) -> tuple[np.ndarray, np.ndarray]:
    """Each owner (an index into the ragged lists) once per value of its list: (position in owners, value)."""
    counts, values = ragged
    at, offset = runs(counts[owners])
    return at, values[(np.cumsum(counts) - counts)[owners][at] + offset]


def _filings(block: np.ndarray, first_bucket: np.ndarray, digits_bucket: np.ndarray, actor_set: np.ndarray,
             member_actors: Ragged, meeting_actors: Ragged, near: Ragged, bucket_count: int, actor_count: int
             ) -> Iterator[Filings]:
    """The filings (keys, items, members or not) of the items, keys coded as
    ints, a part at a time (the members' first). `actor_set`: each item's actors,
    as an index into the ragged lists of actors it is filed under and meets."""
    items = np.arange(len(block))
    has_digits = digits_bucket >= 0
    own_item = np.concatenate((items, items[has_digits]))  # each item with each of its buckets
    own_bucket = np.concatenate((first_bucket, digits_bucket[has_digits]))
    at, actor = _spread(actor_set[own_item], member_actors)
    item, bucket = own_item[at], own_bucket[at]

    def key(item: np.ndarray, bucket: np.ndarray, actor: np.ndarray) -> np.ndarray:
        return (block[item] * bucket_count + bucket) * actor_count + actor

    yield key(item, bucket, actor), item, True
    at, near_bucket = _spread(bucket, near)
    beside = near_bucket != bucket[at]  # the neighbouring buckets, under the same actor
    yield key(item[at][beside], near_bucket[beside], actor[at][beside]), item[at][beside], False
    named = actor[at] > 0  # ... and the whole neighbourhood under no actor
    yield key(item[at][named], near_bucket[named], np.zeros(int(named.sum()), dtype=np.int64)), item[at][named], False
    at, extra = _spread(actor_set, meeting_actors)
    at2, near_bucket = _spread(first_bucket[at], near)
    yield key(at[at2], near_bucket, extra[at2]), at[at2], False


def _codes(low: np.ndarray, high: np.ndarray, articles: np.ndarray) -> np.ndarray:
    """Pairs of different articles as distinct codes low * n + high."""
    apart = articles[low] != articles[high]
    return _distinct(low[apart] * len(articles) + high[apart])


def _distinct_filings(parts: Iterable[Filings], n: int, key_count: int) -> tuple[np.ndarray, ...]:
    """Filings sorted by key and item, an item filed twice under one key once
    (a member if either filing was): where each key's filings begin (and the
    end), their items, and whether each is a member. Where it fits in 63 bits
    (`key_count` keys, `n` items), a filing is sorted as one int, (key, item,
    not a member), each part packed as it comes: one sort instead of a
    lexsort's two, 8 bytes a filing instead of 17 (these are compare's largest
    arrays), and the first filing of a (key, item) is a member if any is."""
    if key_count * 2 * n >= 2**63:
        return _lexsorted_filings(list(parts))
    packed = _joined([(keys * n + filed) * 2 + (not member) for keys, filed, member in parts], np.int64)
    packed.sort()
    own = (packed & 1) == 0
    np.right_shift(packed, 1, out=packed)  # (key, item) as one int
    first = np.empty(len(packed), dtype=bool)
    first[:1] = True
    np.not_equal(packed[1:], packed[:-1], out=first[1:])
    filing, own = packed[first], own[first]
    del packed, first
    filed = filing % n
    np.floor_divide(filing, n, out=filing)  # the keys
    return _bounds(filing), filed, own


def _lexsorted_filings(parts: list[Filings]) -> tuple[np.ndarray, ...]:
    """`_distinct_filings` of keys too large to pack with their items."""
    keys = _joined([k for k, _, _ in parts], np.int64)
    filed = _joined([f for _, f, _ in parts], np.int64)
    own = _joined([np.full(len(k), member) for k, _, member in parts], bool)
    order = np.lexsort((filed, keys))
    keys, filed, own = keys[order], filed[order], own[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (filed[1:] != filed[:-1])
    starts = np.flatnonzero(new)
    return _bounds(keys[starts]), filed[starts], np.logical_or.reduceat(own, starts)


def _joined(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype)


def _bounds(keys: np.ndarray) -> np.ndarray:
    """Where each run of one key begins in sorted keys, and their end."""
    return np.r_[0, np.flatnonzero(keys[1:] != keys[:-1]) + 1, len(keys)]


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
