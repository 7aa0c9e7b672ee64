"""The money corpus (tests/examples/money.yaml) is the money extractor's spec."""

import pytest
from conftest import load_examples

from claimcli.extract.context import Context
from claimcli.extract.money import extract
from claimcli.text.sentence import Sentence

CORPUS = load_examples("money.yaml")


def found(text: str) -> list[dict]:
    return [m.to_json() for m in extract(Sentence(0, text, 0), Context())]


def expected(mention: dict) -> dict:
    return {"qualifier": "exact", "equivalent_of": None, **mention}


def test_corpus_is_large_enough():
    assert len(CORPUS["cases"]) >= 80
    assert len(CORPUS["negatives"]) >= 15


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["text"])
def test_money_example(case):
    assert found(case["text"]) == [expected(m) for m in case["expect"]]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_not_money(text):
    assert found(text) == []


def test_original_text_is_kept_for_full_width_input():
    [mention] = found("総額は（約３兆円）だ。")
    assert mention["text"] == "約３兆円"
