"""The same-fact test on arrays gives, pair for pair, what `similarity.same_fact`
gives one pair at a time: the same refusals and the very same scores."""

import copy
import dataclasses
import json
import math
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcli.compare import blocking, columns, groups, intervals, similarity
from claimcli.compare.items import items_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def items():
    out = subprocess.run([sys.executable, "-m", "claimcli", "extract", "fixtures", "seeds", "--no-store", "--format",
                          "jsonl", "--jobs", "1"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return [i for line in out.splitlines() for i in items_of(json.loads(line))]


def _verdict(a, b) -> float:
    found = similarity.same_fact(a, b)
    return math.nan if found is None else found


def test_arrays_judge_every_candidate_pair_as_same_fact_does(items):
    judge = groups._Judge(items)
    pairs = blocking.candidate_pairs(items)
    pairs = pairs[judge.columns.figures().judgeable(pairs[:, 0], pairs[:, 1])]
    assert len(pairs) > 100  # money, quantities, dates and lengths of many articles
    on_arrays = columns.judge_figures(judge.columns, pairs[:, 0], pairs[:, 1])
    one_by_one = np.array([_verdict(items[i], items[j]) for i, j in pairs.tolist()])
    assert np.array_equal(on_arrays, one_by_one, equal_nan=True)
    assert (~np.isnan(on_arrays)).sum() > 10  # some pairs are one fact


def test_column_guards_never_drop_a_pair_same_fact_keeps(items):
    judge = groups._Judge(items)
    pairs = blocking.candidate_pairs(items)
    dropped = pairs[~judge.columns.may_be_one_fact(pairs[:, 0], pairs[:, 1])]
    assert len(dropped) > 0
    assert all(similarity.same_fact(items[i], items[j]) is None for i, j in dropped.tolist())


def test_sets_of_a_large_vocabulary_meet_as_bits_do(items, monkeypatch):
    """Near words of a large corpus are too many for bits: looked up by binary search, the same scores."""
    monkeypatch.setattr(columns, "MAX_BITS", 8)
    judge = groups._Judge(items)
    assert judge.columns.figures().near.bits is None
    pairs = blocking.candidate_pairs(items)
    pairs = pairs[judge.columns.figures().judgeable(pairs[:, 0], pairs[:, 1])]
    one_by_one = np.array([_verdict(items[i], items[j]) for i, j in pairs.tolist()])
    assert np.array_equal(columns.judge_figures(judge.columns, pairs[:, 0], pairs[:, 1]), one_by_one, equal_nan=True)


EDGE_DATES = ["2025-12-16", "---16", "---19/---20", "2025-12-20", "2025-12-19/2025-12-20", "--11-06", "--11-08",
              "--11", "--11-00", "---00", "2025-02-31", "2025-02-31/2025-03-02", "2024", "2024-H1", "2024-03",
              "2024-03/2024-05", "2024/2025", "0000-01-01", "P3Y", "unresolved", "", "2025-W02"]
ISO_PARTS = st.one_of(st.just(""), st.from_regex(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|---\d{2}", fullmatch=True))


def _dates_tested_alike(values: list[str]) -> None:
    table = intervals.DateTable([None, *values])
    n = len(values)
    a, b = np.repeat(np.arange(1, n + 1), n), np.tile(np.arange(1, n + 1), n)
    agree, distance = table.agree(a, b), table.distance(a, b)
    for x, y, g, d in zip(a.tolist(), b.tolist(), agree.tolist(), distance.tolist(), strict=True):
        assert g == intervals.dates_agree(values[x - 1], values[y - 1]), (values[x - 1], values[y - 1])
        assert d == intervals.date_distance(values[x - 1], values[y - 1]), (values[x - 1], values[y - 1])


def test_date_tests_on_arrays_are_the_scalar_ones(items):
    _dates_tested_alike(sorted({i.date for i in items if i.date} | set(EDGE_DATES)))


@given(st.lists(st.builds(lambda x, y, ranged: f"{x}/{y}" if ranged else x, ISO_PARTS, ISO_PARTS, st.booleans()),
                min_size=1, max_size=12, unique=True))
def test_date_tests_on_arrays_are_the_scalar_ones_for_any_values(values):
    _dates_tested_alike(values)


def test_items_alike_in_what_the_test_reads_are_judged_alike(items):
    """Pairs are judged once per pair of kinds (items of one signature): the
    signature holds everything `same_fact` reads, so any member stands for its kind."""
    judge = groups._Judge(items)
    by_kind: dict[int, list[int]] = {}
    for i, kind in enumerate(judge.kinds.tolist()):
        by_kind.setdefault(kind, []).append(i)
    alike = [members for members in by_kind.values() if len(members) > 1]
    assert alike  # copies of one figure, in the fixtures too
    for members in alike:
        first = items[members[0]]
        others = [z for z in items if z.block == first.block]
        verdicts = np.array([_verdict(first, z) for z in others])
        for i in members[1:]:
            assert np.array_equal(np.array([_verdict(items[i], z) for z in others]), verdicts, equal_nan=True)


def test_the_names_of_the_actors_are_part_of_a_signature(items):
    """A word near a figure that is an actor's name is no shared word: two spellings are two kinds."""
    item = next(i for i in items if i.named)
    renamed = copy.copy(item)
    renamed.named = tuple(dataclasses.replace(a, name=a.name + "国") for a in item.named)
    assert renamed.signature() != item.signature()


def test_kind_pairs_are_those_numpy_unique_finds(items):
    judge = groups._Judge(items)
    pairs = blocking.candidate_pairs(items)
    kinds = np.sort(judge.kinds[pairs], axis=1)
    _, first, inverse = np.unique(kinds[:, 0] * (judge.kinds.max() + 1) + kinds[:, 1], return_index=True,
                                  return_inverse=True)
    found_first, found_inverse = judge.kind_pairs(pairs)
    assert np.array_equal(found_first, first) and np.array_equal(found_inverse, inverse.reshape(-1))


@given(st.lists(st.integers(0, 2**62), max_size=50), st.booleans())
def test_the_fast_stable_order_is_a_stable_argsort(codes, small):
    codes = np.array([c % 7 for c in codes] if small else codes, dtype=np.int64)
    order, ordered = groups._stable_order(codes.copy())
    assert np.array_equal(order, np.argsort(codes, kind="stable"))
    assert np.array_equal(ordered, codes[order])


@given(st.lists(st.lists(st.integers(-(2**62), 2**62), max_size=20), max_size=8))
def test_distinct_values_of_sorted_runs_are_numpy_uniques(runs):
    codes = np.array([c for run in runs for c in sorted(run)], dtype=np.int64)  # as blocking gives them
    assert np.array_equal(blocking._distinct(codes.copy()), np.unique(codes))


def _windows_one_group_at_a_time(groups_: list[list[tuple[int, bool, int]]], window: int) -> set[tuple[int, int]]:
    """The sorted neighbourhood written plainly: in each group, by date then
    index, each member meets the `window` items on each side of it."""
    pairs = set()
    for group in groups_:
        ordered = sorted(group, key=lambda f: (f[2], f[0]))
        for at, (item, own, _) in enumerate(ordered):
            if own:
                for other, _, _ in ordered[max(0, at - window):at + window + 1]:
                    if other != item:
                        pairs.add((min(item, other), max(item, other)))
    return pairs


@given(st.lists(st.dictionaries(st.integers(0, 30), st.booleans(), min_size=1, max_size=12), max_size=6),
       st.lists(st.integers(0, 5), min_size=31, max_size=31), st.integers(1, 4))
def test_windows_of_crowded_groups_are_made_as_one_group_at_a_time(groups_, dates, window):
    """Filings as candidate_pairs has them: each group's items distinct, in
    index order, whether each is a member's; an item in several groups."""
    filings = [sorted(group.items()) for group in groups_]
    sizes = np.array([len(f) for f in filings], dtype=np.int64)
    item_arr = np.array([i for f in filings for i, _ in f], dtype=np.int64)
    own_arr = np.array([own for f in filings for _, own in f], dtype=bool)
    with patch.object(blocking, "WINDOW", window):
        low, high = blocking._window_pairs(np.cumsum(sizes) - sizes, sizes, item_arr, own_arr, np.array(dates))
    expected = _windows_one_group_at_a_time([[(i, own, dates[i]) for i, own in f] for f in filings], window)
    assert set(zip(low.tolist(), high.tolist(), strict=True)) == expected


@given(st.lists(st.integers(0, 999), max_size=40).map(sorted), st.integers(1, 7))
def test_pairs_written_over_their_codes_are_their_codes_divided(codes, at_once):
    n = 1000
    codes = np.array(codes, dtype=np.int64) * n + np.array(codes[::-1], dtype=np.int64) if codes else \
        np.empty(0, dtype=np.int64)
    expected = np.stack([codes // n, codes % n], axis=1)
    with patch.object(blocking, "PAIRS_AT_ONCE", at_once):  # rows written chunk after chunk
        pairs = blocking._pairs(codes.copy(), n)
    assert pairs.dtype == blocking.PAIR and np.array_equal(pairs, expected)


@given(st.lists(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 9)), max_size=20).map(sorted), max_size=4),
       st.booleans())
def test_distinct_filings_are_each_key_and_item_once_a_member_if_any_was(parts, huge):
    """Packed as one int where it fits, by a lexsort where it does not (too
    many keys): the same filings. The first part is the members'."""
    given = [(np.array([k for k, _ in part], dtype=np.int64), np.array([i for _, i in part], dtype=np.int64), n == 0)
             for n, part in enumerate(parts)]
    members: dict[tuple[int, int], bool] = {}
    for n, part in enumerate(parts):
        for k, i in part:
            members[(k, i)] = members.get((k, i), False) or n == 0
    expected = sorted(members.items())
    bounds, found_items, found_own = blocking._distinct_filings(iter(given), 10, 2**62 if huge else 41)
    keys = sorted({k for (k, _), _ in expected})
    found_keys = [keys[g] for g in np.repeat(np.arange(len(bounds) - 1), np.diff(bounds)).tolist()]
    assert list(zip(zip(found_keys, found_items.tolist(), strict=True), found_own.tolist(), strict=True)) == expected
