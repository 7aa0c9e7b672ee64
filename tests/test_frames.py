"""The frames corpus (tests/examples/frames.yaml) is the frame reader's spec."""

import pytest
from conftest import load_examples

from claimcli.claims import analyze
from claimcli.read.article import read_article

CORPUS = load_examples("frames.yaml")


def frame_of(text: str, figure: str) -> dict:
    article = read_article("frame.txt", f"{CORPUS['published']:%Y/%m/%d} 10:00\n{text}\n".encode())
    for claim in analyze(article).claims:
        for field in ("money", "quantities", "dates"):
            for mention in claim.to_json()[field]:
                if mention["text"] == figure:
                    return mention["frame"]
    raise AssertionError(f"{figure} not found in {text}")


def _slots(frame: dict) -> dict:
    """Subjects compare as sets; an empty slot is null (or no subject)."""
    return {k: sorted(v or []) if k == "subject" else v for k, v in frame.items()}


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: f"{c['figure']} in {c['text']}")
def test_frame_example(case):
    frame = frame_of(case["text"], case["figure"])
    assert _slots({k: frame[k] for k in case["expect"]}) == _slots(case["expect"])


def test_corpus_covers_every_slot():
    assert {k for c in CORPUS["cases"] for k in c["expect"]} == {"measure", "scope", "subject", "time"}
