"""The text layer: normalization that maps back, sentences, tokens."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcli.text.normalize import normalize
from claimcli.text.sentences import split_sentences
from claimcli.text.tokens import MAX_BYTES, tokenize


def test_normalized_text_maps_back_to_the_original():
    source = "総額は（約３兆４千億円）、ｶﾞｽ代は〜100円。"
    norm = normalize(source)
    assert norm.text == "総額は(約3兆4千億円)、ガス代は~100円。"
    start = norm.text.index("約")
    end = norm.text.index(")")
    s, e = norm.source_span(start, end)
    assert source[s:e] == "約３兆４千億円"
    s, e = norm.source_span(norm.text.index("ガ"), norm.text.index("ガ") + 2)
    assert source[s:e] == "ｶﾞｽ"


@given(st.text(max_size=80))
def test_every_normalized_span_maps_inside_the_source(source):
    norm = normalize(source)
    for i in range(len(norm.text)):
        s, e = norm.source_span(i, i + 1)
        assert 0 <= s < e <= len(source)


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会合が開かれた。協定が結ばれた。", ["会合が開かれた。", "協定が結ばれた。"]),
        ("本当か?そうだ!", ["本当か?", "そうだ!"]),
        (
            "氏は「協力する。投資も増やす」と述べた。次の話題。",
            ["氏は「協力する。投資も増やす」と述べた。", "次の話題。"],
        ),
        ("『A。B』と(注。補足)を含む文。", ["『A。B』と(注。補足)を含む文。"]),
        ("見出し\n本文が続く。\n- 箇条書き", ["見出し", "本文が続く。", "- 箇条書き"]),
        ("閉じない「括弧\n次の行。", ["閉じない「括弧", "次の行。"]),
        ("まさか!?本当に。", ["まさか!?", "本当に。"]),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def _split_character_by_character(text: str, limit: int) -> list[tuple[int, int]]:
    """The splitter's rules read one character at a time (how it was first
    written): the oracle its faster form must agree with."""
    from claimcli.text.sentences import CLOSERS, OPENERS, TERMINATORS

    spans, depth, opened_at, begin, i = [], 0, 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            spans.append((begin, i))
            depth, begin = 0, i + 1
        elif ch in OPENERS:
            opened_at = i if depth == 0 else opened_at
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth and i - opened_at > limit:
            depth = 0
        elif ch in TERMINATORS and depth == 0:
            while i + 1 < len(text) and text[i + 1] in TERMINATORS:
                i += 1
            spans.append((begin, i + 1))
            begin = i + 1
        i += 1
    spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@given(st.text(alphabet="ab 。!?「」()（）\n", max_size=60))
def test_sentences_end_where_a_character_by_character_reading_ends_them(text):
    from unittest import mock

    import claimcli.text.sentences as module

    with mock.patch.object(module, "MAX_BRACKETED", 4):  # brackets forgotten within the examples' length
        found = [(s.start, s.end) for s in split_sentences(text)]
    expected = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e - len(text[s:e]) + len(text[s:e].rstrip()))
                for s, e in _split_character_by_character(text, 4)]
    assert found == expected


def test_tokenizer_takes_text_longer_than_sudachi_accepts():
    text = "日本は3兆円を投じる。" * (MAX_BYTES // 10)
    tokens = tokenize(text)
    assert tokens[-1].end == len(text)
    assert sum(t.normalized == "3000000000000" for t in tokens) >= MAX_BYTES // 40


@pytest.mark.parametrize(("text", "credited"), [
    ("写真は20日、舞踏会でスピーチするトランプ氏(2025年 ロイター/Daniel Cole)", "(2025年 ロイター/Daniel Cole)"),
    ("鉱床の位置を示す地図(出所:JOGMEC)", "(出所:JOGMEC)"),
    ("写真:AFP/アフロ", "写真:AFP/アフロ"),
    ("中国国際放送の記事である(提供/CRI)", None),  # a source credited after the body is an actor
])
def test_credits_hold_no_mentions(text, credited):
    from claimcli.claims import analyze
    from claimcli.read.article import read_article
    from claimcli.text.credits import credit_spans

    spans = credit_spans(unicodedata.normalize("NFKC", text))
    assert [unicodedata.normalize("NFKC", text)[a:b] for a, b in spans] == \
        ([unicodedata.normalize("NFKC", credited)] if credited else [])
    article = read_article("credit.txt", f"タイトルの行です、ここ\n{text}\n".encode())
    named = {m.text for m in analyze(article).actors}
    if credited:
        assert not named & {"ロイター", "JOGMEC", "AFP"}
    else:
        assert "CRI" in named
