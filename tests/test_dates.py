"""The dates corpus (tests/examples/dates.yaml) is the date extractor's spec."""

from datetime import date

import pytest
from conftest import load_examples
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcli.extract.dates import DateContext, extract
from claimcli.text.sentence import Sentence

CORPUS = load_examples("dates.yaml")


def as_date(value) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def found(case: dict) -> list[dict]:
    context = DateContext(as_date(case.get("published", CORPUS["published"])))
    if case.get("before"):
        extract(Sentence(0, case["before"], 0), context)
    return [m.to_json() for m in extract(Sentence(1, case["text"], 0), context)]


def test_corpus_is_large_enough():
    assert len(CORPUS["cases"]) >= 100
    assert len(CORPUS["negatives"]) >= 15


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["text"])
def test_date_example(case):
    assert found(case) == [{k: str(v) for k, v in m.items()} for m in case["expect"]]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_not_a_date(text):
    assert found({"text": text}) == []


PIECES = st.sampled_from(
    [
        "年",
        "月",
        "日",
        "~",
        "から",
        "同日",
        "前日",
        "来年",
        "今月",
        "度",
        "(水)",
        "時",
        "分",
        "間",
        "か月",
        "後",
        "前",
        "半",
        "令和",
        "末",
        "、",
        "両日",
        "先週",
        "土曜日",
        "た。",
        "する",
    ]
)
DIGITS = st.text(alphabet="0123456789０１２一二十〇", min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(PIECES, DIGITS), max_size=14).map("".join),
    st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))),
)
def test_dates_never_raise(text, published):
    context = DateContext(published)
    for mention in extract(Sentence(0, text, 0), context):
        assert mention.text and mention.value
        assert mention.kind in ("point", "range", "duration")
