"""The dates corpus (tests/examples/dates.yaml) is the date extractor's spec."""

from datetime import date

import pytest
from conftest import load_examples
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcli.extract.context import Context
from claimcli.extract.dates import extract
from claimcli.text.sentence import Sentence

CORPUS = load_examples("dates.yaml")


def as_date(value) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def found(case: dict) -> list[dict]:
    context = Context(as_date(case.get("published", CORPUS["published"])))
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
    context = Context(published)
    for mention in extract(Sentence(0, text, 0), context):
        assert mention.text and mention.value
        assert mention.kind in ("point", "range", "duration")


def test_date_words_and_actors_extend_through_claims_data_dir(tmp_path):
    """The words of the date rules are data: a user's era (and a user's actor)
    read from CLAIMS_DATA_DIR, with no code changed."""
    import json
    import os
    import subprocess
    import sys

    (tmp_path / "date_words.tsv").write_text("架空暦\tera\t2000\n", encoding="utf-8")
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "organizations.tsv").write_text("fictional-union\tFictional Union\torg\t架空連合\n",
                                                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcli", "extract", "-", "--format", "jsonl", "--no-store"],
                          input="架空連合は架空暦5年に発足した。\n", capture_output=True, text=True,
                          env={**os.environ, "CLAIMS_DATA_DIR": str(tmp_path)})
    [claim] = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(d["text"], d["value"]) for d in claim["dates"]] == [("架空暦5年", "2005")]
    assert [a["id"] for a in claim["actors"]] == ["fictional-union"]


def test_a_title_s_when_is_the_day_the_body_tells():
    """`当日` in a title is the day the body says the event happened, not the publication date."""
    from claimcli.claims import analyze
    from claimcli.read.article import read_article

    text = ("首脳会議当日に合意、投資は30億ドル\n2025/11/09 10:00\n"
            "架空国と日本の首脳会議が11月6日に東京で開かれた。\n両首脳は同日、共同声明に署名した。\n")
    claims = analyze(read_article("t.txt", text.encode())).claims
    assert [(d.text, d.value) for c in claims for d in c.dates] == [
        ("当日", "2025-11-06"), ("11月6日", "2025-11-06"), ("同日", "2025-11-06")]
