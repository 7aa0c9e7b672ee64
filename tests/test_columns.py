"""The same-fact test on arrays gives, pair for pair, what `similarity.same_fact`
gives one pair at a time: the same refusals and the very same scores."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcli.compare import blocking, columns, groups, similarity
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
