"""The number parser: values Sudachi's joined numerals give, and never an exception."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcli.extract.context import Context
from claimcli.extract.money import extract
from claimcli.extract.numbers import parse_number
from claimcli.text.sentence import Sentence


@pytest.mark.parametrize(
    ("text", "value", "vague"),
    [
        ("1千億", 100000000000, False),
        ("３兆４千億", 3400000000000, False),
        ("1,200億", 120000000000, False),
        ("17.5億", 1750000000, False),
        ("三千億", 300000000000, False),
        ("百二十億", 12000000000, False),
        ("1億3千万", 130000000, False),
        ("数十億", 1000000000, True),
        ("十", 10, False),
        ("0.5", Decimal("0.5"), False),
    ],
)
def test_parse_number(text, value, vague):
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.vague) == (Decimal(value), vague)


@pytest.mark.parametrize("text", ["", "億", "万が一", "ドル", "5か国", "G20", "1と2", "abc"])
def test_not_a_number(text):
    assert parse_number(text) is None


NUMERIC = st.text(
    alphabet="0123456789０１２３４５６７８９一二三四五六七八九十百千万億兆数,.，．", max_size=30
)
MIXED = st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NUMERIC, MIXED))
def test_parse_number_never_raises(text):
    number = parse_number(text)
    assert number is None or number.value >= 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            NUMERIC, st.sampled_from(["ドル", "円", "(", ")", "約", "超", "~", "$", "billion", "から"])
        ),
        max_size=12,
    ).map("".join)
)
def test_money_extract_never_raises(text):
    for mention in extract(Sentence(0, text, 0), Context()):
        assert mention.amount >= 0
        assert mention.text
