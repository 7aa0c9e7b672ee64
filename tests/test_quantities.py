"""The quantities corpus (tests/examples/quantities.yaml) is the quantity extractor's spec."""

import pytest
from conftest import load_examples
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcli.claims import Claim
from claimcli.extract import dates, money, quantities
from claimcli.extract.context import Context
from claimcli.text.sentence import Sentence

CORPUS = load_examples("quantities.yaml")


def found(text: str) -> list[dict]:
    """Quantities as the pipeline finds them: outside money figures and dates."""
    sentence = Sentence(0, text, 0)
    context = Context()
    taken = [(m.start, m.end) for m in money.extract(sentence, context)]
    taken += [(d.start, d.end) for d in dates.extract(sentence, context)]
    return [q.to_json() for q in quantities.extract(sentence, Context(taken=taken))]


def test_corpus_is_large_enough():
    assert len(CORPUS["cases"]) >= 50
    assert len(CORPUS["negatives"]) >= 15


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["text"])
def test_quantity_example(case):
    assert found(case["text"]) == [{"qualifier": "exact", **m} for m in case["expect"]]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_not_a_quantity(text):
    assert found(text) == []


PIECES = st.sampled_from(
    [
        "か国",
        "社",
        "%",
        "割",
        "強",
        "約",
        "最大",
        "の",
        "第",
        "位",
        "トン",
        "・地域",
        "プラス",
        "数",
        "十",
        "万",
        "億",
        "つ",
        "あたり",
        "円",
        "年",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(PIECES, st.text(alphabet="0123456789.,", min_size=1, max_size=6)), max_size=12).map(
        "".join
    )
)
def test_quantities_never_raise(text):
    for q in found(text):
        assert q["text"] and q["value"] >= 0


def test_figures_are_in_sentence_order():
    sentence = Sentence(0, "2025年に5か国が30億ドルを投じた。", 0)
    claim = Claim(
        "x",
        None,
        sentence,
        money=tuple(money.extract(sentence, Context())),
        quantities=tuple(quantities.extract(sentence, Context(taken=[(0, 5), (10, 15)]))),
        dates=tuple(dates.extract(sentence, Context())),
    )
    assert [f.text for f in claim.figures] == ["2025年", "5か国", "30億ドル"]
